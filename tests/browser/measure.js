// Measures one page of a built site for tests/browser/check.py; returns plain data.
// Colours are resolved to sRGB through a canvas, so any CSS colour syntax the browser computes
// (rgb(), color(srgb ...), oklch(), color-mix()) works.
(colors) => {
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
    pageLuminance: luminance(background(content)),
  };
}
