// Desktop notifications, opt-in per browser (the profile dialog's checkbox): one when someone addresses
// me and I am not reading that channel. Clicking it opens the channel, asked through hooks (page.js).
import { t } from './i18n.js';
import { sameId } from './store.js';
import { store, hooks, channelLabel, userName, avatarOf } from './page.js';

const NOTIFY_KEY = 'clavardage.notify';

export function notificationsWanted() {
  return typeof Notification === 'function' && localStorage.getItem(NOTIFY_KEY) === 'on' && Notification.permission === 'granted';
}

export async function setNotifications(on) {
  if (!on) {
    localStorage.removeItem(NOTIFY_KEY);
    return;
  }
  if (typeof Notification !== 'function') return;
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (permission === 'granted') localStorage.setItem(NOTIFY_KEY, 'on');
}

export function notifyIfAddressed(post) {
  if (post.redacted || sameId(post.authorId, store.me.id) || !post.recipients?.some((r) => sameId(r, store.me.id))) return;
  if (!notificationsWanted() || (store.isCurrent(post.channelId) && document.visibilityState === 'visible')) return;
  const channel = store.channel(post.channelId);
  const notice = new Notification(t('notificationTitle', { name: userName(post.authorId), channel: channel ? channelLabel(channel) : '' }), {
    body: post.message.slice(0, 200), tag: `clavardage-${post.channelId}`, icon: avatarOf(post.authorId),
  });
  notice.onclick = () => { window.focus(); hooks.selectChannel(post.channelId).catch(() => {}); };
}
