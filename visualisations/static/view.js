// The PolicyGraph view page's script, inlined into every page by visualisations/html.py (see assets.py).
(function () {
'use strict';
const DATA = JSON.parse(document.getElementById('pg-data').textContent);
const root = document.documentElement;
const N = DATA.nodes, E = DATA.edges, FOCUS = DATA.focus;
const BIG = N.length > 1500 || E.length > 4000;
const LC = DATA.colours.labels, TC = DATA.colours.types;
const REL_ORDER = DATA.relOrder;  // the relation types in the order the panel lists them (from Python)
const container = document.getElementById('pg-canvas');

// ------------------------------------------------------------------ small helpers (text only, never HTML)
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of kids) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}
function setText(id, text) { document.getElementById(id).textContent = text; }
// what search compares, for the query and the nodes alike: no accents, đ as d, lower case, single spaces
function fold(s) {
  return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[đð]/g, 'd')
    .replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, ' ').trim();
}
function clip(s, n) { s = String(s || ''); return s.length > n ? s.slice(0, n - 1) + '…' : s; }

const outE = N.map(() => []), inE = N.map(() => []);
E.forEach((e, j) => { outE[e.from].push(j); inE[e.to].push(j); });

// ------------------------------------------------------------------------------------------- the network
function nodeItem(n, i) {
  const c = LC[n.label] || '#666';
  const isFocus = i === FOCUS;
  return {
    id: i, x: n.x, y: n.y, size: n.r,
    shape: n.kind === 'Body' ? 'square' : n.kind === 'Project' ? 'diamond' : 'dot',
    color: { background: n.resolved ? c : '#ffffff', border: isFocus ? '#111111' : c,
             highlight: { background: n.resolved ? c : '#ffffff', border: '#000000' },
             hover: { background: n.resolved ? c : '#ffffff', border: '#000000' } },
    borderWidth: isFocus ? 5 : n.resolved ? 1 : 2.5, borderWidthSelected: isFocus ? 6 : 3,
    shapeProperties: { borderDashes: n.resolved ? false : [4, 3] },
  };
}
const nodesDS = new vis.DataSet(N.map(nodeItem));
// vis-network gets the nodes only: the relations are drawn here (one path per style, culled to the
// screen; vis-network's own edges cost seconds a frame past some ten thousand) and hit-tested on click
const network = new vis.Network(container, { nodes: nodesDS, edges: new vis.DataSet([]) }, {
  autoResize: true, physics: false, layout: { improvedLayout: false },
  nodes: { font: { size: 0 } },
  interaction: { hover: !BIG, keyboard: false, tooltipDelay: 300, zoomSpeed: 0.7 },
});

// positions (physics is off: they change only when a node is dragged)
const pos = N.map(n => ({ x: n.x, y: n.y }));
network.on('dragging', p => { const got = network.getPositions(p.nodes); for (const k in got) pos[k] = got[k]; });
network.on('dragEnd', p => { const got = network.getPositions(p.nodes); for (const k in got) pos[k] = got[k]; });

// --------------------------------------------------------------------------------------------- edges
// a second statement between the same two documents bends away from the first (focus views; in the
// lanes they stay straight and overlap: the panel lists them all)
const bend = new Float32Array(E.length);
if (FOCUS !== null) {
  const seenPair = new Map();
  E.forEach((e, j) => {
    const key = Math.min(e.from, e.to) + ':' + Math.max(e.from, e.to), k = seenPair.get(key) || 0;
    seenPair.set(key, k + 1);
    bend[j] = k ? (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 0.16 * (e.from < e.to ? 1 : -1) : 0;
  });
}
const styles = new Map();  // 'TYPE|dashed' -> edge indices, drawn as one path each
E.forEach((e, j) => {
  const key = e.type + '|' + (e.kind === 'based_on' ? 1 : 0);
  if (!styles.has(key)) styles.set(key, []);
  styles.get(key).push(j);
});
const EDGE_ALPHA = E.length > 4000 ? 0.35 : E.length > 300 ? 0.55 : 0.95;
function control(j) {  // the control point of a bent edge (a quadratic curve), null when straight
  if (!bend[j]) return null;
  const a = pos[E[j].from], b = pos[E[j].to], dx = b.x - a.x, dy = b.y - a.y;
  return { x: (a.x + b.x) / 2 - dy * bend[j], y: (a.y + b.y) / 2 + dx * bend[j] };
}
function edgeMid(j) {  // the middle of edge j as drawn
  const a = pos[E[j].from], b = pos[E[j].to], c = control(j);
  if (!c) return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  return { x: 0.25 * a.x + 0.5 * c.x + 0.25 * b.x, y: 0.25 * a.y + 0.5 * c.y + 0.25 * b.y };
}
function viewBox(margin) {
  const scale = network.getScale(), vp = network.getViewPosition();
  const w = container.clientWidth / 2 / scale + margin, h = container.clientHeight / 2 / scale + margin;
  return [vp.x - w, vp.y - h, vp.x + w, vp.y + h];
}
function traceEdge(ctx, j, box) {  // adds edge j to the current path when it may cross the screen
  const a = pos[E[j].from], b = pos[E[j].to], c = control(j);
  const pad = c ? Math.abs(bend[j]) * (Math.abs(b.x - a.x) + Math.abs(b.y - a.y)) : 0;
  if (Math.max(a.x, b.x) + pad < box[0] || Math.min(a.x, b.x) - pad > box[2] ||
      Math.max(a.y, b.y) + pad < box[1] || Math.min(a.y, b.y) - pad > box[3]) return false;
  ctx.moveTo(a.x, a.y);
  if (c) ctx.quadraticCurveTo(c.x, c.y, b.x, b.y); else ctx.lineTo(b.x, b.y);
  return true;
}
function traceArrow(ctx, j, scale) {  // a head at the target's rim, a fixed size on screen
  const b = pos[E[j].to], c = control(j) || pos[E[j].from];
  const dx = b.x - c.x, dy = b.y - c.y, len = Math.hypot(dx, dy);
  if (len * scale < 24) return;
  const ux = dx / len, uy = dy / len, tipX = b.x - ux * (N[E[j].to].r + 1.5 / scale), tipY = b.y - uy * (N[E[j].to].r + 1.5 / scale);
  const L = 9 / scale, W = 4 / scale;
  ctx.moveTo(tipX, tipY);
  ctx.lineTo(tipX - ux * L - uy * W, tipY - uy * L + ux * W);
  ctx.lineTo(tipX - ux * L + uy * W, tipY - uy * L - ux * W);
  ctx.closePath();
}
function strokeEdges(ctx, list, colour, width, dashed, alpha, arrows) {
  const scale = network.getScale(), box = viewBox(20 / scale);
  ctx.globalAlpha = alpha;
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = width / scale;
  ctx.setLineDash(dashed ? [7 / scale, 5 / scale] : []);
  ctx.beginPath();
  const shown = [];
  for (const j of list) if (!hiddenE[j] && traceEdge(ctx, j, box)) shown.push(j);
  ctx.stroke();
  if (arrows) {
    ctx.setLineDash([]);
    ctx.beginPath();
    for (const j of shown) traceArrow(ctx, j, scale);
    ctx.fill();
  }
}
// while the view pans or zooms, a large view leaves its relations out (as vis-network's hideEdgesOnDrag
// does) and draws them again once it rests
const MANY_EDGES = 8000;
let moving = false, settle = null;
function moved() {
  moving = true;
  clearTimeout(settle);
  settle = setTimeout(() => { moving = false; network.redraw(); }, 200);
}
network.on('dragging', p => { if (!p.nodes.length) moved(); });
network.on('zoom', moved);
function drawEdges(ctx) {
  if (moving && E.length > MANY_EDGES) return;
  const scale = network.getScale(), arrows = E.length <= 2000 || scale >= 1.2;
  ctx.save();
  ctx.lineCap = 'round';
  for (const [key, list] of styles) {
    const [type, dashed] = key.split('|');
    strokeEdges(ctx, list, TC[type] || '#666', BIG ? 0.7 : type === 'CITES' ? 1.3 : 2, dashed === '1', EDGE_ALPHA, arrows);
  }
  if (selected !== null) {  // the selected document's relations, opaque and thicker
    for (const [key, list] of styles) {
      const mine = list.filter(j => E[j].from === selected || E[j].to === selected);
      if (mine.length) strokeEdges(ctx, mine, TC[key.split('|')[0]] || '#666', 2.6, key.endsWith('1'), 1, true);
    }
  }
  ctx.restore();
}
function distanceToEdge(p, j) {
  const a = pos[E[j].from], b = pos[E[j].to], c = control(j);
  const seg = (p0, p1) => {
    const dx = p1.x - p0.x, dy = p1.y - p0.y, l2 = dx * dx + dy * dy;
    const t = l2 ? Math.max(0, Math.min(1, ((p.x - p0.x) * dx + (p.y - p0.y) * dy) / l2)) : 0;
    return Math.hypot(p.x - p0.x - t * dx, p.y - p0.y - t * dy);
  };
  if (!c) return seg(a, b);
  let best = Infinity, prev = a;
  for (let k = 1; k <= 16; k++) {
    const t = k / 16, u = 1 - t;
    const q = { x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y };
    best = Math.min(best, seg(prev, q));
    prev = q;
  }
  return best;
}
function edgeAt(p) {  // the visible edge nearest to canvas point p, within 6 px on screen
  const tol = 6 / network.getScale();
  let best = -1, dist = tol;
  for (let j = 0; j < E.length; j++) {
    if (hiddenE[j]) continue;
    const a = pos[E[j].from], b = pos[E[j].to], pad = tol + (bend[j] ? Math.abs(bend[j]) * (Math.abs(b.x - a.x) + Math.abs(b.y - a.y)) : 0);
    if (p.x < Math.min(a.x, b.x) - pad || p.x > Math.max(a.x, b.x) + pad || p.y < Math.min(a.y, b.y) - pad || p.y > Math.max(a.y, b.y) + pad) continue;
    const d = distanceToEdge(p, j);
    if (d < dist) { dist = d; best = j; }
  }
  return best;
}

// ------------------------------------------------------------------------------------------------ state
const hiddenN = new Uint8Array(N.length), hiddenE = new Uint8Array(E.length);
let selected = null, chainNodes = new Set(), chainEdges = new Set();

function parentChain(i) {
  const nodes = new Set([i]), edges = new Set();
  let k = i;
  while (k !== null && k !== undefined && k !== FOCUS && N[k].parent !== null && N[k].parent !== undefined) {
    const p = N[k].parent;
    for (const j of outE[k]) if (E[j].to === p) edges.add(j);
    for (const j of inE[k]) if (E[j].from === p) edges.add(j);
    nodes.add(p);
    if (nodes.size > N.length) break;
    k = p;
  }
  return { nodes, edges };
}

// ----------------------------------------------------------------------------------- captions on canvas
// A caption sits right of its node: the name (wrapped on two lines when long), then a grey line saying
// what the name does not (type, place, date). Its size is fixed on screen; it is drawn only where it fits.
const NAME_FONT = '600 12px system-ui, sans-serif', SUB_FONT = '11px system-ui, sans-serif', LINE = 14;
const measure = document.createElement('canvas').getContext('2d');
const linesCache = new Array(N.length), widthCache = new Float32Array(N.length);
function nameLines(i) {
  if (!linesCache[i]) {
    const name = N[i].name, L = 36;
    let cut = name.length <= L + 4 ? -1 : name.lastIndexOf(' ', L);
    if (cut >= 0 && cut < 12) cut = L;
    linesCache[i] = cut < 0 ? [name] : [name.slice(0, cut).trim(), clip(name.slice(cut).trim(), L + 8)];
  }
  return linesCache[i];
}
function captionWidth(i) {
  if (!widthCache[i]) {
    measure.font = NAME_FONT;
    let w = Math.max(...nameLines(i).map(t => measure.measureText(t).width));
    if (N[i].sub) { measure.font = SUB_FONT; w = Math.max(w, measure.measureText(clip(N[i].sub, 52)).width); }
    widthCache[i] = w + 4;
  }
  return widthCache[i];
}
const priority = N.map((_, i) => i).sort((a, b) =>
  (b === FOCUS) - (a === FOCUS) || N[b].r - N[a].r || Math.abs(N[a].level || 0) - Math.abs(N[b].level || 0) || a - b);

function makeGrid(cell) {
  const cells = new Map();
  const keys = (b, f) => {
    for (let gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++)
      for (let gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) f(gx * 100003 + gy);
  };
  return {
    free(b) {
      let ok = true;
      keys(b, k => { for (const o of cells.get(k) || []) if (o[0] < b[2] && b[0] < o[2] && o[1] < b[3] && b[1] < o[3]) ok = false; });
      return ok;
    },
    add(b) { keys(b, k => { let l = cells.get(k); if (!l) cells.set(k, l = []); l.push(b); }); },
  };
}

function drawCaptions(ctx) {
  if (moving && N.length > MANY_EDGES) return;
  const scale = network.getScale(), vp = network.getViewPosition();
  const W = container.clientWidth, H = container.clientHeight;
  const sx = x => (x - vp.x) * scale + W / 2, sy = y => (y - vp.y) * scale + H / 2;
  const grid = makeGrid(48);
  const onScreen = [];
  for (let i = 0; i < N.length; i++) {
    if (hiddenN[i]) continue;
    const x = sx(pos[i].x), y = sy(pos[i].y), r = N[i].r * scale;
    if (x < -300 || x > W + 300 || y < -60 || y > H + 60) continue;
    onScreen.push(i);
    if (r >= 2 && onScreen.length < 6000) grid.add([x - r, y - r, x + r, y + r]);
  }
  const first = [];
  if (selected !== null) first.push(selected);
  for (const i of chainNodes) first.push(i);
  const seen = new Set();
  let drawn = 0;
  const showSub = scale >= 0.6;
  for (const i of first.concat(priority)) {
    if (seen.has(i) || hiddenN[i]) continue;
    seen.add(i);
    const x = sx(pos[i].x), y = sy(pos[i].y), r = N[i].r * scale;
    if (x < -300 || x > W + 300 || y < -60 || y > H + 60) continue;
    const sub = showSub && N[i].sub, h = LINE * (nameLines(i).length + (sub ? 1 : 0)) + 2;
    const box = [x + r + 2, y - h / 2, x + r + 5 + captionWidth(i), y + h / 2];
    if (!grid.free(box) && !(i === FOCUS || i === selected)) continue;
    grid.add(box);
    drawCaption(ctx, i, scale, sub);
    if (++drawn >= 700) break;
  }
  if (FOCUS !== null && E.length <= 300 && scale >= 0.45) drawEdgeLabels(ctx, grid, sx, sy, scale);
}

function edgeWord(e) { return e.kind ? e.kind.replace('_', ' ') : e.type.toLowerCase().replace('_', ' '); }
function drawEdgeLabels(ctx, grid, sx, sy, scale) {
  ctx.save();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.font = (10.5 / scale) + 'px system-ui, sans-serif';
  measure.font = '10.5px system-ui, sans-serif';
  for (let j = 0; j < E.length; j++) {
    if (hiddenE[j]) continue;
    const m = edgeMid(j), word = edgeWord(E[j]);
    const w = measure.measureText(word).width + 4, x = sx(m.x), y = sy(m.y);
    const b = [x - w / 2, y - 7, x + w / 2, y + 7];
    if (!grid.free(b)) continue;
    grid.add(b);
    ctx.strokeStyle = 'rgba(255,255,255,0.95)';
    ctx.lineWidth = 3 / scale;
    ctx.strokeText(word, m.x, m.y);
    ctx.fillStyle = TC[E[j].type] === '#9a9a9a' ? '#6b6f75' : (TC[E[j].type] || '#444');
    ctx.fillText(word, m.x, m.y);
  }
  ctx.restore();
}

function drawCaption(ctx, i, scale, withSub) {
  const n = N[i], p = pos[i], lines = nameLines(i);
  const x = p.x + n.r + 4 / scale;
  let y = p.y - (LINE * (lines.length + (withSub ? 1 : 0))) / 2 / scale;
  ctx.save();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255,255,255,0.92)';
  ctx.lineWidth = 3.5 / scale;
  ctx.font = '600 ' + (12 / scale) + 'px system-ui, sans-serif';
  ctx.fillStyle = i === FOCUS ? '#000' : '#1d1f23';
  for (const t of lines) {
    ctx.strokeText(t, x, y);
    ctx.fillText(t, x, y);
    y += LINE / scale;
  }
  if (withSub) {
    ctx.font = (11 / scale) + 'px system-ui, sans-serif';
    ctx.fillStyle = '#5f6670';
    const sub = clip(n.sub, 52);
    ctx.strokeText(sub, x, y + 1 / scale);
    ctx.fillText(sub, x, y + 1 / scale);
  }
  ctx.restore();
}

// ------------------------------------------------------------------------------ behind and above nodes
function drawBackdrop(ctx) {
  const scale = network.getScale(), vp = network.getViewPosition();
  const W = container.clientWidth, H = container.clientHeight;
  const left = vp.x - W / 2 / scale, top = vp.y - H / 2 / scale;
  const bd = DATA.backdrop;
  ctx.save();
  ctx.textBaseline = 'top';
  if (bd.mode === 'lanes') {
    const ax = bd.axis, cw = ax.column_width, x0 = -cw * 0.6, x1 = (ax.columns + 0.5) * cw;
    bd.lanes.forEach((ln, k) => {
      ctx.fillStyle = k % 2 ? '#ffffff' : '#f3f5f8';
      ctx.fillRect(x0, ln[1], x1 - x0, ln[2] - ln[1] + 20);
    });
    // years: a line at each January 1st, spaced at least 70 px on screen
    const start = new Date(ax.start + 'T00:00:00Z'), day = 86400000;
    const xOf = t => (1 + (t - start) / day / ax.days_per_column) * cw - cw / 2;
    const y0 = start.getUTCFullYear() + 1, y1 = y0 + Math.ceil(ax.columns * ax.days_per_column / 365) + 1;
    const step = Math.max(1, Math.ceil(70 / (365 / ax.days_per_column * cw * scale)));
    const bottom = bd.lanes.length ? bd.lanes[bd.lanes.length - 1][2] + 20 : 0;
    ctx.font = (11 / scale) + 'px system-ui, sans-serif';
    for (let yr = y0; yr <= y1; yr++) {
      if (yr % step) continue;
      const x = xOf(Date.UTC(yr, 0, 1));
      if (x > x1) break;
      ctx.strokeStyle = 'rgba(0,0,0,0.08)';
      ctx.lineWidth = 1 / scale;
      ctx.beginPath(); ctx.moveTo(x, Math.min(0, top)); ctx.lineTo(x, bottom); ctx.stroke();
      ctx.fillStyle = '#7a808a';
      ctx.fillText(String(yr), x + 3 / scale, top + 4 / scale);
    }
    ctx.fillText('undated', x0 + 3 / scale, top + 4 / scale);
    ctx.font = '600 ' + (12 / scale) + 'px system-ui, sans-serif';
    ctx.fillStyle = '#4a505a';
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.lineWidth = 3 / scale;
    for (const ln of bd.lanes) {
      const y = Math.max(ln[1] + 4 / scale, Math.min(top + 20 / scale, ln[2] - 14 / scale));
      ctx.strokeText(ln[0], left + 8 / scale, y);
      ctx.fillText(ln[0], left + 8 / scale, y);
    }
  } else if (FOCUS !== null) {
    const rows = new Map();
    N.forEach((n, i) => { if (n.level !== null && n.level !== undefined && !hiddenN[i]) {
      rows.set(n.level, Math.min(rows.has(n.level) ? rows.get(n.level) : Infinity, pos[i].y)); } });
    ctx.font = (11 / scale) + 'px system-ui, sans-serif';
    ctx.fillStyle = '#8a9099';
    for (const [lv, y] of rows) {
      const what = lv === 0 ? 'the document asked for' : lv < 0 ? `▲ ${-lv} step${lv < -1 ? 's' : ''} up: what it carries out`
        : `▼ ${lv} step${lv > 1 ? 's' : ''} down: what carries it out`;
      ctx.fillText(what, left + 8 / scale, y - 48 / scale);
    }
  }
  ctx.restore();
}

function drawHighlights(ctx) {
  const scale = network.getScale();
  ctx.save();
  ctx.strokeStyle = 'rgba(255, 176, 0, 0.55)';
  ctx.lineCap = 'round';
  ctx.lineWidth = 9 / Math.max(scale, 0.3);
  const box = viewBox(50);
  ctx.beginPath();
  for (const j of chainEdges) if (!hiddenE[j]) traceEdge(ctx, j, box);
  ctx.stroke();
  ctx.lineWidth = 4 / Math.max(scale, 0.3);
  for (const i of chainNodes) {
    ctx.beginPath(); ctx.arc(pos[i].x, pos[i].y, N[i].r + 6 / Math.max(scale, 0.3), 0, 2 * Math.PI); ctx.stroke();
  }
  if (FOCUS !== null && !hiddenN[FOCUS]) {
    ctx.strokeStyle = 'rgba(17,17,17,0.35)';
    ctx.lineWidth = 2 / scale;
    ctx.setLineDash([5 / scale, 4 / scale]);
    ctx.beginPath(); ctx.arc(pos[FOCUS].x, pos[FOCUS].y, N[FOCUS].r + 10 / Math.max(scale, 0.3), 0, 2 * Math.PI); ctx.stroke();
  }
  ctx.restore();
}
network.on('beforeDrawing', ctx => {
  drawBackdrop(ctx);
  drawEdges(ctx);
});
network.on('afterDrawing', ctx => {
  drawHighlights(ctx);
  drawCaptions(ctx);
});

// --------------------------------------------------------------------------------------------- details
const details = document.getElementById('pg-details');
function link(i) { return el('button', { class: 'pg-link', type: 'button', onclick: () => select(i) }, N[i].name); }
function evidence(e) {
  const sentence = DATA.sentences[e.s] || '';
  const q = el('blockquote', { class: 'pg-evidence' });
  if (!sentence) { q.append('(no evidence sentence)'); return q; }
  const sym = N[e.to].symbol;
  const at = sym ? sentence.toLowerCase().indexOf(sym.toLowerCase()) : -1;
  if (at < 0) q.append('“' + sentence + '”');
  else q.append('“' + sentence.slice(0, at), el('mark', null, sentence.slice(at, at + sym.length)),
                sentence.slice(at + sym.length) + '”');
  return q;
}
function fileLine(e) {
  const f = DATA.files[e.file] || '?';
  return el('div', { class: 'pg-file' }, f + (e.at && e.at[0] !== null ? ` · characters ${e.at[0]}–${e.at[1]}` : ''));
}
function relGroup(title, list, other) {
  const ul = el('ul', { class: 'pg-rels' });
  list.slice(0, 40).forEach(j => {
    const e = E[j];
    ul.append(el('li', { style: 'border-left-color:' + (TC[e.type] || '#ccc') }, link(other(e)),
      e.kind ? el('span', { class: 'pg-kind' }, ' · ' + e.kind.replace('_', ' ')) : null, evidence(e), fileLine(e)));
  });
  if (list.length > 40) ul.append(el('li', null, `… and ${list.length - 40} more`));
  return [el('h3', null, `${title} (${list.length})`), ul];
}
function showNode(i) {
  const n = N[i];
  details.replaceChildren(el('h2', null, n.name));
  if (n.sub) details.append(el('p', { class: 'pg-sub' }, n.sub));
  if (hiddenN[i]) details.append(el('p', { class: 'pg-hint' }, '(hidden by the filters)'));
  const dl = el('dl', { class: 'pg-attrs' });
  for (const [k, v] of n.attrs.concat([['id', n.id]])) dl.append(el('dt', null, k), el('dd', null, v));
  details.append(dl);
  for (const t of REL_ORDER) {
    const outs = outE[i].filter(j => E[j].type === t), ins = inE[i].filter(j => E[j].type === t);
    const ph = DATA.phrases[t] || [t, t];
    if (outs.length) details.append(...relGroup(`${t} · ${ph[0]}`, outs, e => e.to));
    if (ins.length) details.append(...relGroup(`${t} · ${ph[1]}`, ins, e => e.from));
  }
}
function showEdge(j) {
  const e = E[j];
  details.replaceChildren(el('h2', null, 'Relation'),
    el('p', null, link(e.from), ` ${e.type}${e.kind ? ' (' + e.kind.replace('_', ' ') + ')' : ''} → `, link(e.to)),
    evidence(e), fileLine(e));
}
function select(i, centre = true) {  // centre: bring it to the middle (search does; a click does not)
  selected = i;
  const c = FOCUS !== null ? parentChain(i) : { nodes: new Set(), edges: new Set() };
  chainNodes = c.nodes; chainEdges = c.edges;
  network.selectNodes([i]);
  showNode(i);
  if (centre) network.focus(i, { scale: Math.max(network.getScale(), BIG ? 0.9 : 0.8), animation: { duration: 300 } });
  else network.redraw();
}
network.on('click', p => {
  if (p.nodes.length) { select(p.nodes[0], false); return; }
  const j = edgeAt(p.pointer.canvas);
  if (j >= 0) {
    selected = null; chainNodes = new Set(); chainEdges = new Set([j]);
    network.unselectAll();
    showEdge(j);
    network.redraw();
  }
});
const status = el('div', { class: 'pg-status' });
container.append(status);
network.on('hoverNode', p => { status.textContent = N[p.node].name + (N[p.node].sub ? ' · ' + N[p.node].sub : ''); });
network.on('blurNode', () => { status.textContent = ''; });

// ---------------------------------------------------------------------------------------------- search
const results = document.getElementById('pg-results');
let found = [];
function searchText(i) {  // a node's name, id and attribute values (symbol, title, file, place ...), folded
  return N[i].qf || (N[i].qf = fold([N[i].name, N[i].id, ...N[i].attrs.map(a => a[1])].join(' | ')));
}
function search(text) {
  const words = fold(text).split(' ').filter(Boolean);
  found = [];
  if (!words.length) { results.replaceChildren(); return; }
  const whole = words.join(' ');
  for (let i = 0; i < N.length; i++) {
    const q = searchText(i);
    if (!words.every(w => q.includes(w))) continue;
    const name = fold(N[i].name);
    found.push([name === whole ? 0 : name.startsWith(whole) ? 1 : q.includes(whole) ? 2 : 3, -N[i].cited, i]);
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  found = found.slice(0, 15).map(f => f[2]);
  results.replaceChildren(...found.map(i => el('li', null,
    el('button', { class: 'pg-link', type: 'button', onclick: () => select(i) }, N[i].name + (N[i].sub ? ' — ' + N[i].sub : '')))));
  if (!found.length) results.append(el('li', { class: 'pg-hint' }, 'nothing matches'));
  return found;
}
const box = document.getElementById('pg-search');
box.addEventListener('input', () => search(box.value));
box.addEventListener('keydown', ev => { if (ev.key === 'Enter') { search(box.value); if (found.length) select(found[0]); } });

// --------------------------------------------------------------------------------------------- filters
const years = N.map(n => n.year).filter(y => y);
const yMin = years.length ? Math.min(...years) : null, yMax = years.length ? Math.max(...years) : null;
function checks(name, title, items) {
  const fs = el('fieldset', null, el('legend', null, title));
  const list = el('div', { class: 'pg-checks' });
  for (const [value, text, colour, line] of items) {
    const sw = colour ? el('span', { class: line ? 'pg-ln' : 'pg-sw' }) : null;
    if (sw) { if (line) sw.style.borderTopColor = colour; else sw.style.background = colour; }
    list.append(el('label', null, el('input', { type: 'checkbox', name, value, checked: '' }), ' ', sw, text));
  }
  fs.append(list);
  return fs;
}
function buildFilters() {
  const body = document.getElementById('pg-filter-body');
  const types = DATA.legend.types.map(t => [t[0], `${t[0]} (${t[4]})`, t[1], true]);
  const docLabels = DATA.legend.labels.filter(l => l[0] !== 'Body' && l[0] !== 'Project');
  const labels = docLabels.map(l => [l[0], `${l[1]} · ${l[2]} (${l[4]})`, l[3], false]);
  const jc = new Map();
  N.forEach(n => { if (n.kind === 'Document') jc.set(n.jur, (jc.get(n.jur) || 0) + 1); });
  const jurs = [...jc].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([j, c]) => [j, `${j} (${c})`]);
  body.append(checks('pg-type', 'Relations', types), checks('pg-label', 'Document types', labels),
              checks('pg-jur', 'Jurisdiction', jurs));
  if (yMin !== null) {
    body.append(el('fieldset', { class: 'pg-years' }, el('legend', null, 'Years'),
      el('input', { type: 'number', id: 'pg-year-from', min: yMin, max: yMax, value: yMin, 'aria-label': 'from year' }), ' – ',
      el('input', { type: 'number', id: 'pg-year-to', min: yMin, max: yMax, value: yMax, 'aria-label': 'to year' }), ' ',
      el('label', null, el('input', { type: 'checkbox', id: 'pg-undated', checked: '' }), ' undated')));
  }
  body.append(el('p', null, el('button', { type: 'button', id: 'pg-reset', onclick: resetFilters }, 'Show everything')));
  body.addEventListener('change', applyFilters);
}
function checkedSet(name) {
  return new Set([...document.querySelectorAll(`input[name="${name}"]`)].filter(c => !c.checked).map(c => c.value));
}
function applyFilters() {
  const offT = checkedSet('pg-type'), offL = checkedSet('pg-label'), offJ = checkedSet('pg-jur');
  const from = document.getElementById('pg-year-from'), to = document.getElementById('pg-year-to');
  const y0 = from ? Number(from.value) || -Infinity : -Infinity, y1 = to ? Number(to.value) || Infinity : Infinity;
  const undated = document.getElementById('pg-undated');
  const keepUndated = !undated || undated.checked;
  const nodeUp = [];
  N.forEach((n, i) => {
    let hide = false;
    if (n.kind === 'Document' && i !== FOCUS) {
      hide = offL.has(n.label) || offJ.has(n.jur) || (n.year ? n.year < y0 || n.year > y1 : !keepUndated);
    }
    if (hide !== !!hiddenN[i]) { hiddenN[i] = hide ? 1 : 0; nodeUp.push({ id: i, hidden: hide }); }
  });
  E.forEach((e, j) => {
    const hide = offT.has(e.type) || !!hiddenN[e.from] || !!hiddenN[e.to];
    hiddenE[j] = hide ? 1 : 0;
  });
  if (nodeUp.length) nodesDS.update(nodeUp);
  updateCounts();
  network.redraw();
}
function resetFilters() {
  document.querySelectorAll('#pg-filter-body input[type=checkbox]').forEach(c => { c.checked = true; });
  const from = document.getElementById('pg-year-from'), to = document.getElementById('pg-year-to');
  if (from) { from.value = yMin; to.value = yMax; }
  applyFilters();
}
function updateCounts() {
  let n = 0, m = 0;
  for (let i = 0; i < N.length; i++) n += hiddenN[i] ? 0 : 1;
  for (let j = 0; j < E.length; j++) m += hiddenE[j] ? 0 : 1;
  root.dataset.pgNodes = String(n);
  root.dataset.pgEdges = String(m);
  const all = n === N.length && m === E.length;
  setText('pg-counts', `${n} nodes, ${m} relations shown` + (all ? '' : ` (of ${N.length} and ${E.length})`));
}

// ---------------------------------------------------------------------------------------------- legend
function buildLegend() {
  const body = document.getElementById('pg-legend-body');
  const row = (...kids) => el('div', { class: 'pg-legend-row' }, ...kids);
  const sw = (c, cls, dashed) => {
    const s = el('span', { class: cls });
    if (cls === 'pg-ln') { s.style.borderTopColor = c; if (dashed) s.style.borderTopStyle = 'dashed'; } else s.style.background = c;
    return s;
  };
  body.append(el('h3', null, 'Nodes'));
  for (const l of DATA.legend.labels) body.append(row(sw(l[3], 'pg-sw'), `${l[1]}${l[2] ? ' · ' + l[2] : ''}`));
  const ring = el('span', { class: 'pg-sw' }); ring.style.border = '3px solid #111'; ring.style.background = '#fff';
  if (FOCUS !== null) body.append(row(ring, 'the document asked for (the focus)'));
  const open = el('span', { class: 'pg-sw' }); open.style.border = '2px dashed #777'; open.style.background = '#fff';
  body.append(row(open, 'hollow, dashed: a reference not pinned to one document'));
  body.append(row('Size: how often carried out or cited in this view.'));
  if (DATA.legend.labels.some(l => l[0] === 'Body')) body.append(row('Squares: issuing bodies; diamonds: projects.'));
  body.append(el('h3', null, E.length <= 2000 ? 'Relations (arrow: from the document that states it)'
    : 'Relations (no arrows in a view this large: click one to read it)'));
  for (const t of DATA.legend.types) body.append(row(sw(t[1], 'pg-ln'), `${t[0]}: ${t[2]}`));
  if (E.some(e => e.kind === 'based_on')) body.append(row(sw(TC.IMPLEMENTS, 'pg-ln', true), 'dashed: based on (căn cứ)'));
  if (FOCUS !== null) body.append(row(sw('rgba(255,176,0,0.7)', 'pg-ln'), 'gold: the chain from the clicked document to the focus'));
  if (DATA.backdrop.mode === 'lanes') body.append(row('Lanes: jurisdictions (central first); time runs left to right; ' +
    'an undated document sits just before the first document citing it.'));
  else body.append(row('Rows: what the focus carries out above it, what carries it out below it.'));
  body.append(row('Captions appear where they fit: zoom in for more.'));
}

// ---------------------------------------------------------------------------------------------- timeline
function buildTimeline() {  // when each province first carried the focus out (coverage --timeline)
  const tl = DATA.timeline;
  if (!tl) return;
  document.getElementById('pg-timeline').hidden = false;
  const body = document.getElementById('pg-timeline-body');
  const s = tl.stats;
  body.append(el('p', { class: 'pg-kind' }, `${tl.rows.length} of ${tl.units} provinces as of ${tl.as_of}, ` +
    `days after ${tl.root_date || '?'}` + (s.median === null ? '' : `; median ${s.median}, quartiles ${s.q1}–${s.q3}`)));
  const most = Math.max(1, ...tl.rows.map(r => r.days || 0));
  const list = el('ol', { class: 'pg-tl' });
  for (const r of tl.rows) {
    const bar = el('span', { class: 'pg-tl-bar' });
    bar.style.width = (100 * Math.max(0, r.days || 0) / most).toFixed(1) + '%';
    const doc = r.node === null ? r.name : el('button', { class: 'pg-link', type: 'button', onclick: () => select(r.node) }, r.name);
    list.append(el('li', null, `${r.province}: ${r.days === null ? '?' : r.days} days (${r.date})`,
      el('div', { class: 'pg-tl-track' }, bar), doc));
  }
  body.append(list);
  if (tl.no_date.length) body.append(el('p', null, `No date (${tl.no_date.length}): ${tl.no_date.join('; ')}`));
  body.append(el('p', { class: 'pg-tl-missing' }, `None yet (${tl.missing.length}): ${tl.missing.join(', ') || '—'}`));
}

// ---------------------------------------------------------------------------------------------- start
setText('pg-title', DATA.title);
setText('pg-subtitle', DATA.subtitle);
buildFilters();
buildLegend();
buildTimeline();
updateCounts();
// fit the nodes, leaving room for the captions on their right
network.fit({ maxZoomLevel: BIG ? 1 : 1.5 });
{
  const s = network.getScale() * 0.92, vp = network.getViewPosition();
  network.moveTo({ scale: s, position: { x: vp.x + 60 / s, y: vp.y } });
}
window.PG = { network, nodes: nodesDS, data: DATA, select, search, fold, applyFilters, edgeMid, edgeAt,
               hiddenEdges: hiddenE, positions: pos };
network.once('afterDrawing', () => {
  root.dataset.pgReady = '1';
  // fold every node's search text once the page is up, in slices that leave the page responsive
  let next = 0;
  const slice = () => {
    const end = Math.min(N.length, next + 2000);
    for (; next < end; next++) searchText(next);
    if (next < N.length) setTimeout(slice, 0);
  };
  setTimeout(slice, 0);
});
})();
