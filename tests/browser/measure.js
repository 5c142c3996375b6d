// Measures one page of a built site for tests/browser/check.py; returns plain data.
// Colours are resolved to sRGB through a canvas, so any CSS colour syntax the browser computes
// (rgb(), color(srgb ...), oklch(), color-mix()) works. Layout is measured as the page shows it
// on load: closed <details> count as closed, scrolling containers as scrolled to their start.
({ colors, maxLines }) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => {  // "source over" of two rgba colours, bottom opaque
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = (el) => {  // the colour behind el's text, composited up to the canvas
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let result = [255, 255, 255, 1];  // the browser's canvas colour behind a transparent root
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = (c) => {
    const lin = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) =>
    "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  const measureBadge = (el) => {
    const bg = background(el);
    const fg = over(rgba(getComputedStyle(el).color), bg);
    return {
      text: el.textContent.trim(),
      classes: el.className,
      fg: hex(fg),
      bg: hex(bg),
      ratio: contrast(fg, bg),
      clipped: el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1,
    };
  };
  const where = (el) => {  // "<section heading>: <start of the cell's text>"
    const section = el.closest("section");
    const heading = section && section.querySelector("h1, h2, h3");
    const title = heading ? heading.textContent.replace(/[#¶]/g, "").trim() + ": " : "";
    return title + el.textContent.trim().slice(0, 60);
  };
  const span = (r) => `${Math.round(r.left)}..${Math.round(r.right)}`;

  const badges = [...document.querySelectorAll(".releases-badge")].map(measureBadge);

  // every colour name the extension accepts, tried in place of a real badge (in a table cell
  // when there is one) and removed again
  const palette = [];
  const model =
    document.querySelector("table.releases-table .releases-badge") ||
    document.querySelector(".releases-badge");
  if (model) {
    for (const color of colors) {
      const probe = model.cloneNode(true);
      probe.removeAttribute("id");
      probe.className = probe.className
        .split(/\s+/)
        .filter((c) => !/^sd-bg-/.test(c))
        .concat([`sd-bg-${color}`, `sd-bg-text-${color}`])
        .join(" ");
      probe.textContent = `${color} 1`;
      model.after(probe);
      palette.push({ color, ...measureBadge(probe) });
      probe.remove();
    }
  }

  const cells = [...document.querySelectorAll("table.releases-table td")];
  const overflows = [];
  for (const td of cells) {
    const box = td.getBoundingClientRect();
    if (td.scrollWidth > td.clientWidth + 1) {
      const what = `cell scrollWidth ${td.scrollWidth} > clientWidth ${td.clientWidth}`;
      overflows.push({ where: where(td), what });
      continue;
    }
    for (const child of td.querySelectorAll("*")) {
      const r = child.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1) {
        const what = `<${child.localName}> ${span(r)} outside the cell ${span(box)}`;
        overflows.push({ where: where(td), what });
        break;
      }
      if (child.clientWidth > 0 && child.scrollWidth > child.clientWidth + 1) {
        const what =
          `<${child.localName}> scrollWidth ${child.scrollWidth} > ` +
          `clientWidth ${child.clientWidth}`;
        overflows.push({ where: where(td), what });
        break;
      }
    }
  }

  // a table wider than the page must sit in a container that scrolls it
  const tables = [...document.querySelectorAll("table.releases-table")];
  const viewport = document.documentElement.clientWidth;
  const spills = [];
  for (const table of tables) {
    const r = table.getBoundingClientRect();
    if (r.right <= viewport + 1 && r.left >= -1) continue;
    let scrolled = false;
    for (let node = table.parentElement; node !== document.body; node = node.parentElement) {
      const ox = getComputedStyle(node).overflowX;
      if (ox === "auto" || ox === "scroll") {
        const nb = node.getBoundingClientRect();
        scrolled = nb.right <= viewport + 1 && nb.left >= -1;
        break;
      }
    }
    if (!scrolled) {
      const what = `table ${span(r)} past the page width ${viewport}`;
      spills.push({ where: where(table.querySelector("td") || table), what });
    }
  }

  // --- layout of the release tables: lines per cell, clipped columns, dates on one line ---
  const viewportHeight = document.documentElement.clientHeight;
  const lineHeight = (el) => {  // the computed line height in px ("normal" is about 1.2em)
    const style = getComputedStyle(el);
    const px = parseFloat(style.lineHeight);
    return Number.isFinite(px) ? px : 1.2 * parseFloat(style.fontSize);
  };
  // the boxes drawn for a range, or for what is under an element: the content of a closed
  // <details> is laid out but not drawn (checkVisibility() tells), so it does not count
  const shown = (node) => (node.nodeType === 1 ? node : node.parentElement).checkVisibility();
  const boxes = (rects) => [...rects].filter((r) => r.width > 0 && r.height > 0);
  const rendered = (range) => (shown(range.startContainer) ? boxes(range.getClientRects()) : []);
  const drawn = (root) => {
    const rects = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(text);
      rects.push(...rendered(range));
    }
    for (const el of root.querySelectorAll("*")) {
      if (shown(el)) rects.push(...boxes(el.getClientRects()));
    }
    return rects;
  };
  const extent = (rects) =>
    rects.length ? Math.max(...rects.map((r) => r.bottom)) - Math.min(...rects.map((r) => r.top)) : 0;
  const headingText = (heading) => {  // without the theme's permalink ("¶", "#" or an icon)
    const copy = heading.cloneNode(true);
    for (const link of copy.querySelectorAll(".headerlink")) link.remove();
    return copy.textContent.replace(/[#¶]/g, "").trim();
  };
  const tableName = (table) => {  // "<section heading> / <rubric above the table>"
    const section = table.closest("section");
    const heading = section && section.querySelector("h1, h2, h3");
    let name = heading ? headingText(heading) : "(page)";
    // the rubric just before the table (or before the theme's wrapper around it)
    for (let node = table; node && node !== section; node = node.parentElement) {
      const before = node.previousElementSibling;
      if (before && before.matches(".rubric")) {
        name += ` / ${before.textContent.trim()}`;
        break;
      }
      if (before) break;
    }
    return name;
  };
  const columnName = (cell) => {
    const table = cell.closest("table");
    const head = table.tHead && table.tHead.rows[0];
    const th = head && head.cells[cell.cellIndex];
    return th ? th.textContent.trim() : `column ${cell.cellIndex + 1}`;
  };
  const rowName = (cell) => {
    const first = cell.parentElement.cells[0];
    return first ? first.textContent.trim().replace(/\s+/g, " ").slice(0, 40) : "";
  };
  const label = (el) =>
    `<${el.localName}${el.id ? "#" + el.id : ""}${
      typeof el.className === "string" && el.className.trim()
        ? "." + el.className.trim().split(/\s+/).join(".")
        : ""
    }>`;
  // the first ancestor that clips the element sideways and cuts part of it off, if any; the
  // page itself counts when the root does not let it scroll sideways
  const clipper = (el) => {
    const r = el.getBoundingClientRect();
    for (let node = el.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (node === document.documentElement || node === document.body) {
        const root = getComputedStyle(document.documentElement).overflowX;
        const body = getComputedStyle(document.body).overflowX;
        const pageClips = [root, body].some((o) => o === "hidden" || o === "clip");
        if (pageClips && (r.right > viewport + 1 || r.left < -1)) {
          return { node: document.documentElement, kind: "hidden", box: { left: 0, right: viewport } };
        }
        return null;
      }
      if (style.overflowX === "visible") continue;
      const nb = node.getBoundingClientRect();
      const left = nb.left + node.clientLeft;
      const right = left + node.clientWidth;
      if (r.right > right + 1 || r.left < left - 1) {
        const kind = style.overflowX === "auto" || style.overflowX === "scroll" ? "scroll" : "hidden";
        return { node, kind, box: { left, right } };
      }
    }
    return null;
  };

  const tall = [];
  const clipped = [];
  const dates = [];
  let maxCellLines = 0;
  for (const table of tables) {
    const name = tableName(table);
    for (const cell of table.querySelectorAll("td")) {
      const lh = lineHeight(cell.querySelector("p") || cell);
      const lines = extent(drawn(cell)) / lh;
      maxCellLines = Math.max(maxCellLines, lines);
      if (lines > maxLines + 0.5) {
        tall.push({ table: name, column: columnName(cell), row: rowName(cell), lines });
      }
    }
    // a column is clipped when one of its cells is cut off; the last cell of a row is the
    // one most often cut, but any cell can be (a table pushed sideways by a float)
    const seen = new Set();
    for (const cell of table.querySelectorAll("th, td")) {
      const column = columnName(cell);
      if (seen.has(column)) continue;
      const cut = clipper(cell);
      if (!cut) continue;
      seen.add(column);
      const holder = cut.node;
      const hb = holder.getBoundingClientRect();
      const r = cell.getBoundingClientRect();
      const tr = table.getBoundingClientRect();
      let reachable = false;
      if (cut.kind === "scroll") {
        // the scroller itself is on the page, not cut off in turn, and its scrollbar (at its
        // bottom) can be reached by scrolling the page
        reachable = hb.left >= -1 && hb.right <= viewport + 1 && !clipper(holder);
      }
      clipped.push({
        table: name,
        column,
        kind: cut.kind,
        reachable,
        by: label(holder),
        cell: span(r),
        visible: span(cut.box),
        tableWidth: Math.round(tr.width),
        containerWidth: Math.round(cut.box.right - cut.box.left),
        scrollerHeight: Math.round(hb.height),
        viewportHeight,
      });
    }
  }

  // a collapsed list, opened, wraps several items to a line (and is closed again)
  const opened = [];
  for (const table of tables) {
    for (const details of table.querySelectorAll("td details.releases-collapsed:not([open])")) {
      const cell = details.closest("td");
      details.open = true;
      const items = [...details.querySelectorAll(".releases-item")];
      const rows = new Set(items.map((item) => Math.round(item.getBoundingClientRect().top)));
      details.open = false;
      opened.push({
        table: tableName(table),
        column: columnName(cell),
        row: rowName(cell),
        items: items.length,
        lines: rows.size,
      });
    }
  }

  // every ISO date shown in a release table, and every element marked as a date anywhere on
  // the page, on one line: a range over its characters is no taller than one line
  const DATE = /\d{4}-\d{2}-\d{2}/g;
  const measureDate = (textNode, start, end) => {
    const range = document.createRange();
    range.setStart(textNode, start);
    range.setEnd(textNode, end);
    const rects = rendered(range);
    if (!rects.length) return null;  // not drawn (in a closed <details>)
    const holder = textNode.parentElement;
    return {
      text: textNode.data.slice(start, end),
      lines: extent(rects) / lineHeight(holder),
      pieces: new Set(rects.map((r) => Math.round(r.top))).size,
      marked: Boolean(holder.closest(".releases-date")),
    };
  };
  const dateTexts = new Set();
  const walkDates = (root, place) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (dateTexts.has(node)) continue;
      dateTexts.add(node);
      for (const match of node.data.matchAll(DATE)) {
        const measured = measureDate(node, match.index, match.index + match[0].length);
        if (measured) dates.push({ ...place, ...measured });
      }
    }
  };
  for (const table of tables) {
    for (const cell of table.querySelectorAll("td")) {
      walkDates(cell, { table: tableName(table), column: columnName(cell), row: rowName(cell) });
    }
  }
  for (const el of document.querySelectorAll(".releases-date")) {
    walkDates(el, { table: "", column: "", row: where(el) });
  }

  // the page's own background where the tables are, to tell that a light or dark mode is on
  const content =
    document.querySelector("table.releases-table td") ||
    document.querySelector("main") ||
    document.body;
  return {
    badges,
    palette,
    cells: cells.length,
    tables: tables.length,
    overflows: overflows.concat(spills),
    tall,
    maxCellLines,
    clipped,
    opened,
    dates,
    pageLuminance: luminance(background(content)),
  };
}
