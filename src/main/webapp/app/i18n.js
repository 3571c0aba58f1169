// French by default; English when the host says so (?lang=en on the entry URL).
const STRINGS = {
  fr: {
    channels: 'Canaux', newChannel: 'Nouveau canal', browse: 'Parcourir', users: 'Utilisateurs',
    online: 'En ligne', away: 'Absents', offline: 'Hors ligne', you: 'Vous', dnd: 'Ne pas déranger',
    unread: 'Messages non lus', mentions: 'mentions', send: 'Envoyer', retry: 'Réessayer',
    messagePlaceholder: 'Écrire un message… (Entrée envoie, Maj+Entrée passe à la ligne)',
    recipientsPlaceholder: 'Destinataires…', recipients: 'Destinataires', to: 'à',
    edited: '(modifié)', edit: 'Modifier', delete: 'Supprimer', save: 'Enregistrer', cancel: 'Annuler',
    confirmDelete: 'Supprimer ce message pour tout le monde ?', editChannel: 'Modifier le canal',
    editChannelOf: 'Modifier le canal {name}', editUserOf: 'Modifier {name}',
    displayName: 'Nom', urlName: 'Nom d\u2019URL', color: 'Couleur', purpose: 'Objet', type: 'Type',
    public: 'Public', private: 'Privé', create: 'Créer', join: 'Rejoindre', joined: 'Membre', leave: 'Quitter',
    nickname: 'Surnom', avatar: 'Avatar', chooseImage: 'Choisir une image', editUser: 'Modifier l\u2019utilisateur',
    readingOrder: 'Ordre de lecture', newestBottom: 'Récents en bas', newestTop: 'Récents en haut',
    emoji: 'Émoticônes', noMessages: 'Aucun message pour l\u2019instant.', loadingOlder: 'Chargement…',
    historyStart: 'Début du canal', sendFailed: 'Le message n\u2019est pas parti : {reason}',
    noPublic: 'Aucun canal public à rejoindre.', menu: 'Actions', close: 'Fermer', avatarOf: 'Avatar de {name}',
    addRecipientHint: 'Double-cliquez sur un utilisateur pour l\u2019ajouter aux destinataires.',
    removeRecipient: 'Retirer {name}', selfLabel: '{name} (vous)', moreUsers: 'Afficher plus…', general: 'Général',
    openFull: 'Ouvrir la fenêtre complète', messageShort: 'Message…',
    typingOne: '{names} est en train d\u2019écrire…', typingMany: '{names} sont en train d\u2019écrire…',
    errors: {
      not_channel_admin: 'Seuls les administrateurs du canal et de l\u2019ERP peuvent le modifier.',
      profile_not_editable: 'Seul l\u2019utilisateur lui-même ou un administrateur peut modifier ce profil.',
      channel_name_taken: 'Ce nom d\u2019URL est déjà pris.',
      invalid_color: 'Une couleur s\u2019écrit #RRGGBB.',
      invalid_display_name: 'Le nom doit compter de 1 à 64 caractères.',
      message_too_long: 'Le message est trop long (16 383 caractères au plus).',
      message_empty: 'Le message est vide.',
      recipient_not_member: 'Un destinataire n\u2019est pas membre de ce canal.',
      not_channel_member: 'Rejoignez le canal pour y écrire.',
      avatar_too_large: 'L\u2019image dépasse 5 Mo.',
      unsupported_image_type: 'Choisissez une image PNG, JPEG ou GIF.',
      network_error: 'le serveur ne répond pas',
    },
  },
  en: {
    channels: 'Channels', newChannel: 'New channel', browse: 'Browse', users: 'Users',
    online: 'Online', away: 'Away', offline: 'Offline', you: 'You', dnd: 'Do not disturb',
    unread: 'Unread messages', mentions: 'mentions', send: 'Send', retry: 'Retry',
    messagePlaceholder: 'Write a message… (Enter sends, Shift+Enter for a new line)',
    recipientsPlaceholder: 'Recipients…', recipients: 'Recipients', to: 'to',
    edited: '(edited)', edit: 'Edit', delete: 'Delete', save: 'Save', cancel: 'Cancel',
    confirmDelete: 'Delete this message for everyone?', editChannel: 'Edit channel',
    editChannelOf: 'Edit channel {name}', editUserOf: 'Edit {name}',
    displayName: 'Name', urlName: 'URL name', color: 'Color', purpose: 'Purpose', type: 'Type',
    public: 'Public', private: 'Private', create: 'Create', join: 'Join', joined: 'Member', leave: 'Leave',
    nickname: 'Nickname', avatar: 'Avatar', chooseImage: 'Choose a picture', editUser: 'Edit user',
    readingOrder: 'Reading order', newestBottom: 'Newest at the bottom', newestTop: 'Newest at the top',
    emoji: 'Emoji', noMessages: 'No messages yet.', loadingOlder: 'Loading…',
    historyStart: 'Start of the channel', sendFailed: 'The message was not sent: {reason}',
    noPublic: 'No public channel to join.', menu: 'Actions', close: 'Close', avatarOf: '{name}\u2019s avatar',
    addRecipientHint: 'Double-click a user to add them to the recipients.',
    removeRecipient: 'Remove {name}', selfLabel: '{name} (you)', moreUsers: 'Show more…', general: 'General',
    openFull: 'Open the full window', messageShort: 'Message…',
    typingOne: '{names} is typing…', typingMany: '{names} are typing…',
    errors: {
      network_error: 'the server does not answer',
    },
  },
};

// The host passes its locale as ?lang= on the entry URL (see docs/module-descriptor.md); without it the
// module speaks French, the ERP's language, whatever the browser says.
function pickLanguage() {
  const asked = new URLSearchParams(location.search).get('lang') || 'fr';
  return asked.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export const lang = pickLanguage();
document.documentElement.lang = lang;

/** The text for {@code key}, with {placeholders} filled in. */
export function t(key, values = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => values[name] ?? m);
}

/** A readable message for an API error: ours when we have one, else the API's own. */
export function errorText(error) {
  return STRINGS[lang].errors[error.code] || (lang === 'fr' ? STRINGS.fr.errors[error.code] : null) || error.message;
}
