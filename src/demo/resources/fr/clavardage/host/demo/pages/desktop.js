// The demo ERP's home desktop: widgets that installed modules declare, placed by each user.
// Right-click → "Mode Modification"; in that mode right-click → "Ajouter" → a widget; move it by its
// title bar, resize it from its corner, remove it with ×; adding a widget saves and leaves the mode,
// removing one saves, and leaving the mode saves moves and sizes.
const TEXT = {
  fr: { edit: 'Mode Modification', done: 'Quitter le mode modification', add: 'Ajouter', remove: 'Retirer', nothing: 'Aucun widget disponible' },
  en: { edit: 'Edit mode', done: 'Leave edit mode', add: 'Add', remove: 'Remove', nothing: 'No widget available' },
};
/** Used when a widget's descriptor gives no minimum size. */
const MIN_WIDTH = 200;
const MIN_HEIGHT = 150;

export function startDesktop(desktop, session, lang, theme) {
  const text = TEXT[lang];
  const widgets = new Map(session.widgets.map((w) => [w.id, w]));
  let layout = [];
  let editing = false;
  let menu = null;

  const minWidth = (widget) => widget.minWidth || MIN_WIDTH;
  const minHeight = (widget) => widget.minHeight || MIN_HEIGHT;
  const label = (labels) => labels[lang] || labels.fr || Object.values(labels)[0] || '';
  const entryUrl = (widget) => `${widget.url}${widget.url.includes('?') ? '&' : '?'}lang=${lang}&theme=${theme}`;

  function closeMenu() {
    menu?.remove();
    menu = null;
  }

  function showMenu(x, y, items) {
    closeMenu();
    menu = document.createElement('ul');
    menu.className = 'context-menu';
    menu.setAttribute('role', 'menu');
    for (const item of items) {
      const li = document.createElement('li');
      if (item.children) {
        li.className = 'has-children';
        const span = document.createElement('span');
        span.textContent = item.label;
        const sub = document.createElement('ul');
        sub.className = 'context-submenu';
        sub.setAttribute('role', 'menu');
        for (const child of item.children) sub.append(menuButton(child));
        li.append(span, sub);
      } else {
        li.append(menuButton(item).firstChild);
      }
      menu.append(li);
    }
    menu.style.left = `${x}px`;
    menu.style.top = `${y}px`;
    document.body.append(menu);
    menu.querySelector('button')?.focus();
  }

  function menuButton(item) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('role', 'menuitem');
    button.textContent = item.label;
    button.disabled = Boolean(item.disabled);
    if (item.id) button.dataset.widgetId = item.id;
    button.addEventListener('click', () => { closeMenu(); item.action?.(); });
    li.append(button);
    return li;
  }

  function render() {
    desktop.querySelectorAll('.widget-box').forEach((box) => box.remove());
    desktop.classList.toggle('editing', editing);
    layout.forEach((box, index) => {
      const widget = widgets.get(box.widget);
      if (!widget) return; // no longer allowed or installed: kept out of sight
      const frame = document.createElement('section');
      frame.className = 'widget-box';
      frame.dataset.widgetId = widget.id;
      frame.style.cssText = `left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px;`
        + `min-width:${minWidth(widget)}px;min-height:${minHeight(widget)}px`;
      const bar = document.createElement('header');
      bar.className = 'widget-bar';
      const title = document.createElement('span');
      title.textContent = label(widget.labels);
      bar.append(title);
      if (editing) {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'widget-remove';
        remove.title = text.remove;
        remove.setAttribute('aria-label', `${text.remove} ${title.textContent}`);
        remove.textContent = '×';
        remove.addEventListener('click', () => { layout.splice(index, 1); render(); save(); });
        bar.append(remove);
        dragBy(bar, frame, box);
        new ResizeObserver(() => {
          box.width = Math.max(minWidth(widget), frame.offsetWidth);
          box.height = Math.max(minHeight(widget), frame.offsetHeight);
        }).observe(frame);
      }
      const iframe = document.createElement('iframe');
      iframe.src = entryUrl(widget);
      iframe.title = title.textContent;
      frame.append(bar, iframe);
      desktop.append(frame);
    });
  }

  function dragBy(handle, frame, box) {
    handle.addEventListener('pointerdown', (down) => {
      if (down.target.closest('button')) return;
      const startX = down.clientX - box.x;
      const startY = down.clientY - box.y;
      handle.setPointerCapture(down.pointerId);
      const move = (e) => {
        box.x = Math.max(0, e.clientX - startX);
        box.y = Math.max(0, e.clientY - startY);
        frame.style.left = `${box.x}px`;
        frame.style.top = `${box.y}px`;
      };
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
  }

  async function save() {
    await fetch('layout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(layout) });
  }

  function setEditing(on) {
    editing = on;
    render();
    if (!on) save();
  }

  desktop.addEventListener('contextmenu', (e) => {
    if (e.target.closest('iframe')) return;
    e.preventDefault();
    const rect = desktop.getBoundingClientRect();
    const at = { x: Math.round(e.clientX - rect.left), y: Math.round(e.clientY - rect.top) };
    if (!editing) {
      showMenu(e.clientX, e.clientY, [{ label: text.edit, action: () => setEditing(true) }]);
      return;
    }
    const choices = [...widgets.values()].map((w) => ({
      label: label(w.labels), id: w.id,
      action: () => {
        layout.push({ widget: w.id, x: at.x, y: at.y, width: Math.max(minWidth(w), w.width || 360), height: Math.max(minHeight(w), w.height || 420) });
        // Added is saved at once and ready to use: edit mode (where widgets do not take clicks) ends here.
        setEditing(false);
      },
    }));
    showMenu(e.clientX, e.clientY, [
      { label: text.add, children: choices.length ? choices : [{ label: text.nothing, disabled: true }] },
      { label: text.done, action: () => setEditing(false) },
    ]);
  });
  document.addEventListener('click', (e) => { if (menu && !menu.contains(e.target)) closeMenu(); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeMenu(); });

  fetch('layout').then((r) => (r.ok ? r.json() : [])).then((saved) => {
    layout = Array.isArray(saved) ? saved : [];
    render();
  });
}
