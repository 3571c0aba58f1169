import { startDesktop } from './desktop.js';

// The demo ERP shell: builds its menu bar from what /demo/session says the installed module declares
// (descriptor menus, filtered by the user's permissions) and opens entries in the content area.
// The demo ERP speaks French unless the user switched it to English; modules get the choice as ?lang=.
const lang = localStorage.getItem('demo.lang') === 'en' ? 'en' : 'fr';
document.documentElement.lang = lang;
// The host's theme follows the system; modules get it as ?theme= so they match.
const theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
const groups = { metier: { fr: 'Métier', en: 'Business' } };
// The shell's own words; the page is written in French, English replaces them at start.
const SHELL_TEXT = {
  en: {
    'main-menu': { label: 'Main menu' },
    logout: { text: 'Sign out' },
    desktop: { label: 'Desktop' },
    'desktop-title': { text: 'Desktop' },
    'desktop-hint': { text: 'Right-click the desktop: \u201cEdit mode\u201d, then \u201cAdd\u201d to place a widget.' },
  },
};

function translateShell() {
  for (const [id, words] of Object.entries(SHELL_TEXT[lang] || {})) {
    const element = document.getElementById(id);
    if (!element) continue;
    if (words.text) element.textContent = words.text;
    if (words.label) element.setAttribute('aria-label', words.label);
  }
}

function label(labels) {
  return labels[lang] || labels.fr || Object.values(labels)[0] || '';
}

function withLang(url) {
  return `${url}${url.includes('?') ? '&' : '?'}lang=${lang}&theme=${theme}`;
}

function openEntry(url, title) {
  const frame = document.getElementById('module-frame');
  document.getElementById('desktop').hidden = true;
  frame.hidden = false;
  frame.title = title;
  if (frame.getAttribute('src') !== withLang(url)) frame.src = withLang(url);
  document.title = `${title} — ERP démo`;
}

function showDesktop() {
  document.getElementById('module-frame').hidden = true;
  document.getElementById('desktop').hidden = false;
  document.title = 'ERP démo';
}

function route(session) {
  const [target, query] = location.hash.slice(1).split('?');
  const menu = session.menus.find((m) => `menu/${m.id}` === target);
  if (menu) openEntry(query ? `${menu.url}?${query}` : menu.url, label(menu.labels));
  else showDesktop();
}

async function start() {
  const response = await fetch('session', { headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    location.href = 'login';
    return;
  }
  const session = await response.json();
  translateShell();
  document.getElementById('user-name').textContent = session.user.fullName;
  const switcher = document.getElementById('lang-switch');
  switcher.textContent = lang === 'en' ? 'FR' : 'EN';
  switcher.addEventListener('click', () => {
    localStorage.setItem('demo.lang', lang === 'en' ? 'fr' : 'en');
    location.reload();
  });
  const bar = document.getElementById('menus');
  const byParent = new Map();
  for (const menu of [...session.menus].sort((a, b) => a.order - b.order)) {
    if (!byParent.has(menu.parent)) byParent.set(menu.parent, []);
    byParent.get(menu.parent).push(menu);
  }
  for (const [parent, menus] of byParent) {
    const item = document.createElement('li');
    item.className = 'menu';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = (groups[parent] && groups[parent][lang]) || parent;
    button.setAttribute('aria-haspopup', 'true');
    button.setAttribute('aria-expanded', 'false');
    const list = document.createElement('ul');
    list.className = 'submenu';
    list.hidden = true;
    for (const menu of menus) {
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#menu/${menu.id}`;
      link.textContent = label(menu.labels);
      link.dataset.menuId = menu.id;
      link.addEventListener('click', () => {
        list.hidden = true;
        button.setAttribute('aria-expanded', 'false');
      });
      li.append(link);
      list.append(li);
    }
    button.addEventListener('click', () => {
      list.hidden = !list.hidden;
      button.setAttribute('aria-expanded', String(!list.hidden));
    });
    item.append(button, list);
    bar.append(item);
  }
  window.addEventListener('hashchange', () => route(session));
  // A module asks to open one of its menu entries (a widget's "open the full window").
  window.addEventListener('message', (e) => {
    if (e.origin !== location.origin || e.data?.type !== 'erp.openMenu') return;
    const menu = session.menus.find((m) => m.id === e.data.menu);
    if (!menu) return;
    const params = new URLSearchParams(e.data.params || {}).toString();
    location.hash = `menu/${menu.id}${params ? `?${params}` : ''}`;
  });
  startDesktop(document.getElementById('desktop'), session, lang, theme);
  route(session);
}

start();
