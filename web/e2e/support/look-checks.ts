import type { Page } from 'playwright-core';

/** One thing on a page a reader would see as broken. */
export interface LookProblem {
  check: 'page-overflow' | 'clipped-text' | 'split-amount' | 'chart-labels-overlap';
  detail: string;
}

/**
 * Runs in the page (Playwright sends its source, so it refers to nothing outside itself). Looks for:
 * - the page or `main` wider than the window (scrolling sideways; tables scroll inside their own box);
 * - text cut off: a text's box reaching past an ancestor that hides overflow (an ellipsis counts only
 *   when the element or an ancestor gives the full text in its `title`), out of the box it flows in
 *   (content wider than its box, drawn over its neighbours), or past the window;
 * - an amount broken across lines anywhere but after a thousands separator or before 万/亿;
 * - chart labels (ECharts' SVG `<text>`) overlapping one another, rotation included.
 * Element Plus moves some boxes that hide overflow itself: a table's header scrolls with its body, and
 * tabs that do not fit get arrows; what those hide is reachable and not counted.
 */
function findProblems(): LookProblem[] {
  const SLACK = 1;
  const problems: LookProblem[] = [];
  const describe = (element: Element): string => {
    const id = element.closest('[data-testid]')?.getAttribute('data-testid');
    const text = element.textContent.replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${id ? `[${id}] ` : ''}<${element.tagName.toLowerCase()}> "${text}"`;
  };
  const shown = (element: Element): boolean => {
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
    const box = element.getBoundingClientRect();
    // Visually hidden text for screen readers is a 1×1 box.
    return box.width > 1 && box.height > 1;
  };

  const scroller = document.scrollingElement ?? document.documentElement;
  if (scroller.scrollWidth > window.innerWidth + SLACK) {
    problems.push({
      check: 'page-overflow',
      detail: `the page is ${String(scroller.scrollWidth)} px wide in a ${String(window.innerWidth)} px window`,
    });
  }
  const main = document.querySelector('main');
  if (main && main.scrollWidth > main.clientWidth + SLACK) {
    problems.push({
      check: 'page-overflow',
      detail: `main scrolls sideways: ${String(main.scrollWidth)} px of content in ${String(main.clientWidth)} px`,
    });
  }

  // Text: each element's own text nodes, measured as ranges.
  const owners = new Map<Element, Text[]>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('svg, script, style, template, [aria-hidden="true"]')) continue;
    const list = owners.get(parent) ?? [];
    list.push(node as Text);
    owners.set(parent, list);
  }
  const textBox = (nodes: readonly Text[]): DOMRect | null => {
    const range = document.createRange();
    let left = Infinity;
    let right = -Infinity;
    let top = Infinity;
    let bottom = -Infinity;
    for (const node of nodes) {
      if (!node.data.trim()) continue;
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width === 0) continue;
        left = Math.min(left, rect.left);
        right = Math.max(right, rect.right);
        top = Math.min(top, rect.top);
        bottom = Math.max(bottom, rect.bottom);
      }
    }
    return left === Infinity ? null : new DOMRect(left, top, right - left, bottom - top);
  };
  const titled = (element: Element, text: string): boolean => {
    for (let at: Element | null = element; at; at = at.parentElement) {
      if (at.getAttribute('title')?.includes(text)) return true;
    }
    return false;
  };

  for (const [element, nodes] of owners) {
    if (!shown(element)) continue;
    const box = textBox(nodes);
    if (!box) continue;
    const text = nodes
      .map((node) => node.data)
      .join('')
      .trim();
    let clippedBy: Element | null = null;
    // Cut off where an ellipsis and a title say so: the reader sees where and can read the rest.
    let ellipsized = false;
    let scrolls = false;
    for (let at = element as Element | null; at && at !== document.documentElement; at = at.parentElement) {
      const style = getComputedStyle(at);
      // What scrolls sideways is reachable; only a box that hides overflow cuts text off.
      scrolls =
        style.overflowX === 'auto' ||
        style.overflowX === 'scroll' ||
        at.matches('.el-table__header-wrapper, .el-tabs__nav-wrap.is-scrollable > .el-tabs__nav-scroll');
      if (scrolls) break;
      if (style.overflowX !== 'hidden' && style.overflowX !== 'clip') continue;
      const edges = at.getBoundingClientRect();
      if (box.right > edges.right + SLACK || box.left < edges.left - SLACK) clippedBy = at;
      if (clippedBy) {
        const ellipsis =
          getComputedStyle(element).textOverflow === 'ellipsis' || style.textOverflow === 'ellipsis';
        if (ellipsis && titled(element, text)) [clippedBy, ellipsized] = [null, true];
        break;
      }
    }
    // The box the text flows in: the element itself unless it is inline, else its nearest block.
    let container: Element = element;
    while (container.parentElement && getComputedStyle(container).display.startsWith('inline')) {
      container = container.parentElement;
    }
    const own = container.getBoundingClientRect();
    if (clippedBy) {
      problems.push({
        check: 'clipped-text',
        detail: `${describe(element)} is cut off by ${describe(clippedBy)}`,
      });
    } else if (!scrolls && !ellipsized && (box.right > own.right + SLACK || box.left < own.left - SLACK)) {
      problems.push({
        check: 'clipped-text',
        detail: `${describe(element)} spills ${String(Math.round(Math.max(box.right - own.right, own.left - box.left)))} px out of its box ${describe(container)}`,
      });
    } else if (!scrolls && box.right > window.innerWidth + SLACK) {
      problems.push({
        check: 'clipped-text',
        detail: `${describe(element)} runs ${String(Math.round(box.right - window.innerWidth))} px past the window's edge`,
      });
    }
  }

  // Amounts: found in the text an element holds (<wbr> splits one amount into several text nodes).
  const AMOUNT = /-?¥\d{1,3}(?:,\d{3})*(?:\.\d+)?[万亿]?/g;
  const range = document.createRange();
  for (const [element, nodes] of owners) {
    if (!shown(element)) continue;
    const chars: { node: Text; offset: number }[] = [];
    for (const node of nodes)
      for (let offset = 0; offset < node.data.length; offset += 1) chars.push({ node, offset });
    const joined = nodes.map((node) => node.data).join('');
    for (const match of joined.matchAll(AMOUNT)) {
      let previousTop: number | null = null;
      for (let index = match.index; index < match.index + match[0].length; index += 1) {
        const at = chars[index];
        if (!at) break;
        range.setStart(at.node, at.offset);
        range.setEnd(at.node, at.offset + 1);
        const rect = range.getBoundingClientRect();
        if (previousTop !== null && rect.top > previousTop + rect.height / 2) {
          const before = joined[index - 1] ?? '';
          const after = joined[index] ?? '';
          if (before !== ',' && after !== '万' && after !== '亿') {
            problems.push({
              check: 'split-amount',
              detail: `${describe(element)}: ${match[0]} breaks between "${before}" and "${after}"`,
            });
          }
        }
        previousTop = rect.top;
      }
    }
  }

  // Chart labels: each label's box turned with its text, compared by separating axes.
  for (const chart of document.querySelectorAll('.portal-chart svg')) {
    const labels = [...chart.querySelectorAll('text')]
      .filter((label) => label.textContent.trim() && shown(label))
      .map((label) => {
        const local = label.getBBox();
        const matrix = label.getScreenCTM() ?? new DOMMatrix();
        const corners = [
          [local.x, local.y],
          [local.x + local.width, local.y],
          [local.x + local.width, local.y + local.height],
          [local.x, local.y + local.height],
        ].map(([x = 0, y = 0]) => new DOMPoint(x, y).matrixTransform(matrix));
        // ECharts draws each line of a wrapped label as a <text> of its own at the label's anchor.
        return { text: label.textContent.trim(), anchor: label.getAttribute('transform'), corners };
      });
    const apart = (a: DOMPoint[], b: DOMPoint[]): boolean =>
      [a, b].some((shape) =>
        shape.some((corner, index) => {
          const next = shape[(index + 1) % shape.length] ?? corner;
          const axis = { x: corner.y - next.y, y: next.x - corner.x };
          const project = (points: DOMPoint[]): number[] => points.map((p) => p.x * axis.x + p.y * axis.y);
          const [pa, pb] = [project(a), project(b)];
          const length = Math.hypot(axis.x, axis.y) || 1;
          return (
            Math.max(...pa) <= Math.min(...pb) + SLACK * length ||
            Math.max(...pb) <= Math.min(...pa) + SLACK * length
          );
        }),
      );
    for (let i = 0; i < labels.length; i += 1) {
      for (let j = i + 1; j < labels.length; j += 1) {
        const [a, b] = [labels[i], labels[j]];
        if (a && b && a.anchor !== b.anchor && !apart(a.corners, b.corners)) {
          const name = chart.closest('[data-testid]')?.getAttribute('data-testid') ?? 'a chart';
          problems.push({
            check: 'chart-labels-overlap',
            detail: `${name}: "${a.text}" overlaps "${b.text}"`,
          });
        }
      }
    }
  }
  return problems;
}

/** What looks broken on the page as it is now (see findProblems). */
export function lookProblems(page: Page): Promise<LookProblem[]> {
  return page.evaluate(findProblems);
}
