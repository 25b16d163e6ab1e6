// The sandbox page: vanilla JS, no build step. Everything the server sends is
// put in the page with textContent, never as HTML.
'use strict';

(() => {
  const DIRECT = 'direct';
  const POLL_MS = 1500;
  const $ = (id) => document.getElementById(id);

  const state = {
    users: [],
    channels: [],
    directLatest: 0,
    user: localStorage.getItem('sandbox.user') || 'U-GM',
    view: localStorage.getItem('sandbox.view') || '',
    lastRender: '',
    history: [],
    historyAt: 0,
    form: null,
    busy: false,
    // The case card starts folded to one line on a screen under 900 px high, unless the person chose otherwise.
    pinnedFolded: localStorage.getItem('sandbox.pinnedFolded') ? localStorage.getItem('sandbox.pinnedFolded') === '1' : window.innerHeight < 900,
  };

  // --- HTTP -----------------------------------------------------------------

  async function api(method, path, body) {
    const res = await fetch(`/sandbox/api/${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (!res.ok) throw new Error((data && data.error) || `De server antwoordde met ${res.status}.`);
    return data;
  }

  const q = (params) => new URLSearchParams(params).toString();

  function showStatus(text) {
    const el = $('status');
    el.textContent = text || '';
    el.hidden = !text;
  }

  // --- Read marks (per user, per view) ---------------------------------------

  function seenKey(view) {
    return `sandbox.seen.${state.user}.${view}`;
  }
  function seen(view) {
    return Number(localStorage.getItem(seenKey(view)) || 0);
  }
  function markSeen(view, id) {
    if (id > seen(view)) localStorage.setItem(seenKey(view), String(id));
  }

  // --- Rendering helpers -------------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function nameOf(id, names) {
    if (names && names[id]) return names[id];
    const user = state.users.find((u) => u.id === id);
    return user ? user.name : id;
  }

  /** Text with `<@id>` / `<@id|name>` mentions, as DOM nodes. */
  function rich(parent, text, names) {
    const re = /<@([^>|]+)(?:\|([^>]*))?>/g;
    let last = 0;
    let m;
    const s = String(text);
    while ((m = re.exec(s))) {
      if (m.index > last) parent.append(document.createTextNode(s.slice(last, m.index)));
      parent.append(el('span', 'mention', `@${(names && names[m[1]]) || m[2] || nameOf(m[1], names)}`));
      last = m.index + m[0].length;
    }
    if (last < s.length) parent.append(document.createTextNode(s.slice(last)));
    return parent;
  }

  function renderCard(message, item) {
    const names = message.names || {};
    const card = el('div', 'card');
    if (message.title) card.append(rich(el('h2', 'card-title'), message.title, names));
    if (message.text) card.append(rich(el('p', 'text'), message.text, names));
    if (message.fields && message.fields.length) {
      const dl = el('dl', 'fields');
      for (const f of message.fields) {
        const row = el('div');
        row.append(rich(el('dt'), f.label, names), rich(el('dd'), f.value, names));
        dl.append(row);
      }
      card.append(dl);
    }
    if (message.lines && message.lines.length) {
      const ul = el('ul', 'lines');
      for (const line of message.lines) ul.append(rich(el('li'), line, names));
      card.append(ul);
    }
    if (message.actions && message.actions.length && item) {
      const bar = el('div', 'actions');
      for (const action of message.actions) {
        const b = el('button', action.style || '', action.label);
        b.type = 'button';
        b.dataset.focus = `msg:${item.id}:${action.id}`;
        b.addEventListener('click', () => press(b, item, action));
        bar.append(b);
      }
      card.append(bar);
    }
    if (message.image && message.image.png) {
      const img = el('img', 'chart');
      img.src = 'data:image/png;base64,' + message.image.png;
      img.alt = message.image.alt || '';
      // The picture gets its height only once decoded: a list that was at its
      // bottom before the picture grew goes back there, instead of stopping the
      // picture's height short.
      img.addEventListener('load', () => {
        const box = $('messages');
        const before = box.scrollHeight - box.scrollTop - box.clientHeight - img.getBoundingClientRect().height;
        if (box.contains(img) && before < 40) box.scrollTop = box.scrollHeight;
      });
      card.append(img);
    }
    if (message.attachment && message.attachment.content) {
      const a = el('a', 'attachment', '📄 ' + message.attachment.filename);
      const blob = new Blob([message.attachment.content], { type: message.attachment.mimeType || 'text/plain' });
      a.href = URL.createObjectURL(blob);
      a.download = message.attachment.filename;
      card.append(a);
    }
    if (message.context) card.append(rich(el('p', 'context'), message.context, names));
    return card;
  }

  function renderItem(item) {
    const message = item.message;
    const classes = ['msg', `kind-${item.kind}`, `tone-${(message && message.tone) || (item.error ? 'danger' : 'info')}`];
    if (item.kind === 'ephemeral') classes.push('ephemeral');
    if (item.error) classes.push('error');
    const article = el('article', classes.join(' '));
    article.dataset.id = String(item.id);
    // Focus can land here when the button pressed in it is gone (an acknowledged signal).
    article.tabIndex = -1;

    const meta = el('div', 'meta');
    meta.append(el('span', 'author', 'regiebot'), el('span', 'bot-badge', 'BOT'), el('time', '', item.time));
    if (item.edited) meta.append(el('span', 'edited', `bijgewerkt ${item.edited}`));
    if (item.kind === 'ephemeral') meta.append(el('span', 'only-you', '· alleen zichtbaar voor jou'));
    if (item.about) {
      const link = el('button', 'about', `over een bericht in #${item.about.name}`);
      link.type = 'button';
      link.dataset.focus = `msg:${item.id}:about`;
      link.addEventListener('click', () => switchView(item.about.id).then(() => showMessage(item.about.messageId)));
      meta.append(el('span', '', '·'), link);
    }
    article.append(meta);

    if (item.typed) article.append(el('div', 'typed', `jij: ${item.typed}`));
    if (message) article.append(renderCard(message, item));
    return article;
  }

  function renderChannels() {
    keepingFocus(drawChannels);
  }

  function drawChannels() {
    const list = $('channels');
    list.replaceChildren();
    for (const c of state.channels) {
      const li = el('li');
      const b = el('button', 'nav-item');
      b.type = 'button';
      b.dataset.view = c.id;
      b.dataset.focus = `channel:${c.id}`;
      if (c.id === state.view) b.setAttribute('aria-current', 'page');
      b.append(el('span', 'hash', '#'), el('span', 'name', c.name));
      if (c.id === state.view) b.classList.add('active');
      else if (c.latestId > seen(c.id)) {
        b.classList.add('unread');
        b.append(el('span', 'dot'));
      }
      b.addEventListener('click', () => switchView(c.id));
      li.append(b);
      list.append(li);
    }
    const direct = $('direct-link');
    direct.classList.toggle('active', state.view === DIRECT);
    if (state.view === DIRECT) direct.setAttribute('aria-current', 'page');
    else direct.removeAttribute('aria-current');
    const unread = state.view !== DIRECT && state.directLatest > seen(DIRECT);
    direct.classList.toggle('unread', unread);
    direct.querySelector('.dot').hidden = !unread;
  }

  function renderPeople() {
    const list = $('people');
    list.replaceChildren();
    for (const u of state.users) {
      const li = el('li', u.id === state.user ? 'me' : '');
      li.append(el('strong', '', u.name), document.createElement('br'), document.createTextNode(`@${u.firstName} · ${u.role}`));
      list.append(li);
    }
  }

  function renderUser() {
    const select = $('user');
    if (!select.options.length) {
      for (const u of state.users) {
        const o = el('option', '', `${u.name} (${u.role})`);
        o.value = u.id;
        select.append(o);
      }
    }
    select.value = state.user;
    const me = state.users.find((u) => u.id === state.user);
    $('user-info').textContent = me ? me.organisation : '';
    renderPeople();
  }

  // --- Focus ------------------------------------------------------------------------
  // Controls that are drawn anew carry a `data-focus` key; whatever had focus
  // before a redraw gets it back afterwards (or its successor), so neither a
  // button press nor the refresh sends a keyboard user back to <body>.

  function focusKey() {
    const active = document.activeElement;
    const keyed = active && active !== document.body ? active.closest('[data-focus]') : null;
    return keyed ? keyed.dataset.focus : null;
  }

  function focusLost() {
    const active = document.activeElement;
    return !active || active === document.body || !active.isConnected;
  }

  /** Focuses the control with `key`, else the message it was on (`msg:<id>:…` -> that article). */
  function restoreFocus(key) {
    if (!key || !focusLost()) return;
    const same = document.querySelector(`[data-focus="${CSS.escape(key)}"]`);
    if (same && !same.disabled) {
      same.focus();
      return;
    }
    const m = /^msg:(\d+)/.exec(key);
    const article = m && document.querySelector(`article.msg[data-id="${m[1]}"]`);
    if (article) {
      const next = article.querySelector('button:not(:disabled)');
      (next || article).focus();
    }
  }

  function keepingFocus(draw) {
    const key = focusKey();
    draw();
    restoreFocus(key);
  }

  // --- Messages -------------------------------------------------------------------
  // The stream is kept, not redrawn: a new message is appended, a changed one
  // is swapped in place, the rest stay the same nodes. The list itself is not
  // a live region; the announcer says each new message once.

  const drawn = { stream: new Map(), pinned: '', view: '' };

  function announce(items) {
    if (!items.length) return;
    const text = items
      .map((m) => (m.message ? [m.message.title, m.message.text].filter(Boolean).join(': ') : m.typed || ''))
      .filter(Boolean)
      .join(' — ');
    const box = $('announcer');
    box.textContent = text.replace(/<@([^>|]+)(?:\|([^>]*))?>/g, (_all, id, label) => `@${label || nameOf(id)}`);
  }

  function renderMessages(data) {
    const key = JSON.stringify(data);
    if (key === state.lastRender) return;
    state.lastRender = key;

    const box = $('messages');
    const view = `${state.user} ${state.view}`;
    const fresh = drawn.view !== view;
    if (fresh) {
      drawn.view = view;
      drawn.stream = new Map();
      drawn.pinned = '';
      box.replaceChildren();
    }
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    const pinned = data.messages.filter((m) => m.pinned);
    const stream = data.messages.filter((m) => !m.pinned);

    keepingFocus(() => renderPinned(pinned));

    keepingFocus(() => {
      const empty = box.querySelector('.empty');
      if (!stream.length && !empty) {
        box.append(
          el(
            'p',
            'empty',
            state.view === DIRECT
              ? 'Nog geen directe berichten. Herinneringen en meldingen voor jou komen hier.'
              : 'Nog geen berichten in dit kanaal. Typ hieronder een commando, bijvoorbeeld /help.',
          ),
        );
      } else if (stream.length && empty) empty.remove();
      const ids = new Set(stream.map((m) => m.id));
      for (const [id, entry] of drawn.stream) {
        if (!ids.has(id)) {
          entry.node.remove();
          drawn.stream.delete(id);
        }
      }
      const added = [];
      for (const m of stream) {
        const itemKey = JSON.stringify(m);
        const entry = drawn.stream.get(m.id);
        if (entry && entry.key === itemKey) continue;
        const node = renderItem(m);
        if (entry) entry.node.replaceWith(node);
        else {
          box.append(node);
          added.push(m);
        }
        drawn.stream.set(m.id, { key: itemKey, node });
      }
      // What was there when the view opened is not news; what came after is said once.
      if (!fresh) announce(added);
    });
    if (atBottom || state.scrollDown) box.scrollTop = box.scrollHeight;
    state.scrollDown = false;

    const newest = data.messages.reduce((n, m) => Math.max(n, m.id), 0);
    markSeen(state.view, newest);
  }

  function renderPinned(pinned) {
    const pinBox = $('pinned');
    const key = JSON.stringify([pinned, state.pinnedFolded]);
    if (key === drawn.pinned) return;
    drawn.pinned = key;
    pinBox.replaceChildren();
    if (pinned.length) {
      const label = el('div', 'pinned-label');
      const toggle = el('button', 'pinned-toggle', state.pinnedFolded ? 'tonen' : 'inklappen');
      toggle.type = 'button';
      toggle.dataset.focus = 'pinned-toggle';
      toggle.setAttribute('aria-expanded', String(!state.pinnedFolded));
      toggle.setAttribute('aria-controls', 'pinned');
      toggle.addEventListener('click', () => {
        state.pinnedFolded = !state.pinnedFolded;
        localStorage.setItem('sandbox.pinnedFolded', state.pinnedFolded ? '1' : '0');
        keepingFocus(() => renderPinned(pinned));
      });
      label.append(el('span', '', `Vastgezet (${pinned.length})`));
      if (state.pinnedFolded) {
        const first = pinned[pinned.length - 1].message;
        const line = first ? first.summary || first.title : '';
        label.append(rich(el('span', 'pinned-summary'), line, first && first.names));
      }
      label.append(toggle);
      pinBox.append(label);
      if (!state.pinnedFolded) for (const m of [...pinned].reverse()) pinBox.append(renderItem(m));
    }
    pinBox.hidden = pinned.length === 0;
    pinBox.classList.toggle('folded', state.pinnedFolded);
  }

  // --- Loading -------------------------------------------------------------------

  async function loadChannels() {
    const data = await api('GET', `channels?${q({ userId: state.user })}`);
    state.channels = data.channels;
    state.directLatest = data.direct.latestId;
    if (state.view !== DIRECT && !state.channels.some((c) => c.id === state.view)) {
      state.view = state.channels.length ? state.channels[0].id : DIRECT;
    }
  }

  async function loadMessages() {
    const asked = `${state.user} ${state.view}`;
    const data = await api('GET', `messages?${q({ userId: state.user, channelId: state.view })}`);
    // The user or the channel changed while we waited: that answer is stale.
    if (asked !== `${state.user} ${state.view}`) return;
    $('channel-name').textContent = data.channel.id === DIRECT ? 'Berichten aan jou' : `#${data.channel.name}`;
    $('channel-hint').textContent =
      data.channel.id === DIRECT ? 'alleen jij ziet deze berichten' : 'iedereen in de sandbox ziet dit kanaal';
    renderMessages(data);
    // Which user and view the list shows (tests wait on this after a switch).
    $('messages').dataset.for = asked;
  }

  async function refresh() {
    try {
      await loadChannels();
      await loadMessages();
      renderChannels();
    } catch (err) {
      showStatus(err.message);
    }
  }

  function switchView(view) {
    // On a narrow screen the channel list closes once a channel is chosen.
    document.body.classList.remove('nav-open');
    $('menu').setAttribute('aria-expanded', 'false');
    state.view = view;
    state.lastRender = '';
    state.scrollDown = true;
    localStorage.setItem('sandbox.view', view);
    renderChannels();
    return refresh();
  }

  /** A notice's link: the message it is about, in view, marked and focused (not the bottom of the channel). */
  function showMessage(id) {
    const target = id ? $('messages').querySelector(`article[data-id="${id}"]`) : null;
    if (!target) return;
    target.classList.add('linked');
    target.tabIndex = -1;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }

  function switchUser(userId) {
    state.user = userId;
    state.lastRender = '';
    state.scrollDown = true;
    localStorage.setItem('sandbox.user', userId);
    renderUser();
    showStatus('');
    return refresh();
  }

  // --- Acting ------------------------------------------------------------------------

  async function afterAction(data) {
    if (data.channels) state.channels = data.channels;
    if (data.switchTo) {
      state.view = data.switchTo;
      localStorage.setItem('sandbox.view', data.switchTo);
      state.lastRender = '';
    }
    state.scrollDown = true;
    await refresh();
    if (data.reply && data.reply.form) openForm(data.reply.form);
  }

  async function send(text) {
    if (state.busy) return false;
    state.busy = true;
    $('send').disabled = true;
    showStatus('');
    try {
      const data = await api('POST', 'command', { userId: state.user, channelId: state.view, text });
      await afterAction(data);
      return data;
    } catch (err) {
      showStatus(err.message);
      return null;
    } finally {
      state.busy = false;
      $('send').disabled = false;
    }
  }

  async function press(button, item, action) {
    const key = button.dataset.focus;
    button.disabled = true;
    showStatus('');
    let data = null;
    try {
      data = await api('POST', 'action', {
        userId: state.user,
        channelId: state.view,
        actionId: action.id,
        value: action.value,
        messageId: item.id,
      });
      await afterAction(data);
    } catch (err) {
      showStatus(err.message);
    } finally {
      button.disabled = false;
      // Disabling the pressed button dropped focus; it goes back to that button, or
      // to its message when the button went away with the action.
      if (!data || !data.reply || !data.reply.form) restoreFocus(key);
    }
  }

  // --- Forms -------------------------------------------------------------------------

  function isoDate(value) {
    const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value || '');
    return m ? `${m[3]}-${m[2]}-${m[1]}` : value;
  }

  function openForm(form) {
    state.form = form;
    $('form-title').textContent = form.title;
    $('form-submit').textContent = form.submitLabel || 'Versturen';
    $('form-error').hidden = true;
    $('form-error').tabIndex = -1;
    const box = $('form-fields');
    box.replaceChildren();
    for (const f of form.fields) {
      const wrap = el('div', 'form-field');
      const id = `f-${f.name}`;
      const label = el('label', '', f.label);
      label.htmlFor = id;
      if (f.required) label.append(el('span', 'req', '*'));
      let input;
      if (f.type === 'select') {
        input = el('select');
        // A list with a preset value needs no empty choice: the preset already says "no change".
        if (!f.initial) {
          const empty = el('option', '', f.required ? 'Kies…' : '—');
          empty.value = '';
          input.append(empty);
        }
        for (const o of f.options || []) {
          const opt = el('option', '', o.label);
          opt.value = o.value;
          input.append(opt);
        }
      } else if (f.type === 'textarea') {
        input = el('textarea');
      } else {
        input = el('input');
        input.type = f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text';
        if (f.type === 'number') {
          if (f.min !== undefined) input.min = String(f.min);
          if (f.max !== undefined) input.max = String(f.max);
          input.step = '1';
          input.inputMode = 'numeric';
        }
      }
      input.id = id;
      input.name = f.name;
      input.required = Boolean(f.required);
      const initial = f.type === 'date' ? isoDate(f.initial) : f.initial;
      if (initial !== undefined && initial !== null) input.value = initial;
      wrap.append(label, input);
      const described = [];
      if (f.hint) {
        const hint = el('span', 'hint', f.hint);
        hint.id = `${id}-hint`;
        described.push(hint.id);
        wrap.append(hint);
      }
      if (f.type === 'number' && f.min !== undefined && f.max !== undefined) {
        const range = el('span', 'hint', `Een heel getal van ${f.min} tot en met ${f.max}.`);
        range.id = `${id}-range`;
        described.push(range.id);
        wrap.append(range);
      }
      // Where a refusal about this field is shown, under it.
      const error = el('p', 'field-error');
      error.id = `${id}-error`;
      error.hidden = true;
      wrap.append(error);
      if (described.length) input.setAttribute('aria-describedby', described.join(' '));
      box.append(wrap);
    }
    const dialog = $('form-dialog');
    if (!dialog.open) dialog.showModal();
    const first = box.querySelector('input, select, textarea');
    if (first) first.focus();
  }

  /** Clears the refusals shown in the form. */
  function clearFormErrors() {
    $('form-error').hidden = true;
    for (const p of document.querySelectorAll('#form-fields .field-error')) {
      p.hidden = true;
      p.textContent = '';
      const input = $(p.id.replace(/-error$/, ''));
      if (input) {
        input.removeAttribute('aria-invalid');
        const rest = (input.getAttribute('aria-describedby') || '').split(' ').filter((d) => d && d !== p.id);
        if (rest.length) input.setAttribute('aria-describedby', rest.join(' '));
        else input.removeAttribute('aria-describedby');
      }
    }
  }

  /** Shows a refusal under its field (marked invalid, and focused when it is the first), or above the buttons. */
  function showFormError(text, fieldName, focus) {
    const input = fieldName ? $(`f-${fieldName}`) : null;
    const under = fieldName ? $(`f-${fieldName}-error`) : null;
    if (input && under) {
      under.textContent = text;
      under.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      input.setAttribute('aria-describedby', [under.id, ...ids.filter((d) => d !== under.id)].join(' '));
      if (focus) input.focus();
      return;
    }
    $('form-error').textContent = text;
    $('form-error').hidden = false;
    if (focus) $('form-error').focus();
  }

  function plainText(message) {
    const text = message.text || message.title;
    return String(text).replace(/<@([^>|]+)(?:\|([^>]*))?>/g, (_all, id, label) => `@${(message.names && message.names[id]) || label || nameOf(id)}`);
  }

  async function submitForm(event) {
    event.preventDefault();
    const form = state.form;
    if (!form) return;
    clearFormErrors();
    const values = {};
    let first = true;
    for (const f of form.fields) {
      const input = $(`f-${f.name}`);
      const value = input ? input.value.trim() : '';
      if (f.required && !value) {
        showFormError(`Vul ${f.label.toLowerCase()} in.`, f.name, first);
        first = false;
      }
      values[f.name] = value;
    }
    if (!first) return;
    $('form-submit').disabled = true;
    try {
      const data = await api('POST', 'form', { userId: state.user, channelId: state.view, formId: form.id, values });
      if (data.reply && data.reply.error && data.reply.message) {
        // Refused: the dialog stays open with what was typed, the reason under the field concerned.
        showFormError(plainText(data.reply.message), data.reply.field, true);
        return;
      }
      $('form-dialog').close();
      state.form = null;
      await afterAction(data);
    } catch (err) {
      showFormError(err.message, null, true);
    } finally {
      $('form-submit').disabled = false;
    }
  }

  // --- @ mentions --------------------------------------------------------------------
  // Typing @ offers the channel's people (everyone in the sandbox sees every
  // channel); arrows choose, Enter or Tab puts `@Voornaam ` in the line.

  const mention = { at: -1, options: [], active: 0 };

  /** The @word the caret is in, if any: where it starts and what follows the @. */
  function mentionAtCaret() {
    const input = $('command');
    const upto = input.value.slice(0, input.selectionStart || 0);
    const m = /(^|[\s(,;])@([^\s@]*)$/.exec(upto);
    return m ? { at: upto.length - m[2].length - 1, typed: m[2].toLowerCase() } : null;
  }

  function offerPeople() {
    const found = mentionAtCaret();
    const options = found
      ? state.users.filter((u) => [u.firstName, u.name, u.role].some((w) => w.toLowerCase().startsWith(found.typed)) || u.name.toLowerCase().includes(` ${found.typed}`))
      : [];
    if (!found || !options.length) {
      closePeople();
      return;
    }
    mention.at = found.at;
    mention.options = options;
    mention.active = Math.min(mention.active, options.length - 1);
    const list = $('mention-list');
    list.replaceChildren();
    options.forEach((u, i) => {
      const li = el('li');
      li.id = `mention-${u.id}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === mention.active));
      li.append(el('strong', '', `@${u.firstName}`), document.createTextNode(` ${u.name} `), el('span', 'role', u.role));
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        choosePerson(u);
      });
      list.append(li);
    });
    list.hidden = false;
    $('command').setAttribute('aria-expanded', 'true');
    $('command').setAttribute('aria-activedescendant', `mention-${options[mention.active].id}`);
  }

  function closePeople() {
    mention.at = -1;
    mention.options = [];
    mention.active = 0;
    $('mention-list').hidden = true;
    $('command').setAttribute('aria-expanded', 'false');
    $('command').removeAttribute('aria-activedescendant');
  }

  function choosePerson(user) {
    const input = $('command');
    const caret = input.selectionStart || input.value.length;
    const after = input.value.slice(caret).replace(/^[^\s]*/, '');
    const before = input.value.slice(0, mention.at);
    const inserted = `@${user.firstName} `;
    input.value = before + inserted + after.replace(/^\s/, '');
    const at = before.length + inserted.length;
    input.setSelectionRange(at, at);
    closePeople();
    input.focus();
  }

  /** Arrow keys, Enter, Tab and Escape while the list is open; true when the key was used. */
  function mentionKey(e) {
    if (!mention.options.length) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const n = mention.options.length;
      mention.active = (mention.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      e.preventDefault();
      offerPeople();
      return true;
    }
    if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      choosePerson(mention.options[mention.active]);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      closePeople();
      return true;
    }
    return false;
  }

  // --- Wiring ------------------------------------------------------------------------

  async function start() {
    const data = await api('GET', 'users');
    state.users = data.users;
    if (!state.users.some((u) => u.id === state.user)) state.user = state.users[0].id;
    renderUser();
    state.scrollDown = true;
    await refresh();

    $('user').addEventListener('change', (e) => switchUser(e.target.value));
    $('menu').addEventListener('click', () => {
      const open = !document.body.classList.contains('nav-open');
      document.body.classList.toggle('nav-open', open);
      $('menu').setAttribute('aria-expanded', String(open));
    });
    $('direct-link').addEventListener('click', () => switchView(DIRECT));

    $('composer').addEventListener('submit', async (e) => {
      e.preventDefault();
      const input = $('command');
      const text = input.value.trim();
      if (!text) return;
      const data = await send(text);
      // A refused line with a BSN comes back masked: it is not kept for the arrow keys either.
      if (!data || data.typed === undefined || data.typed === text) state.history.push(text);
      state.historyAt = state.history.length;
      if (data) input.value = '';
      input.focus();
    });
    $('command').addEventListener('input', () => offerPeople());
    $('command').addEventListener('blur', () => setTimeout(closePeople, 150));
    $('command').addEventListener('keydown', (e) => {
      if (mentionKey(e)) return;
      if (e.key === 'ArrowUp' && state.historyAt > 0) {
        state.historyAt--;
        e.target.value = state.history[state.historyAt];
        e.preventDefault();
      } else if (e.key === 'ArrowDown' && state.historyAt < state.history.length) {
        state.historyAt++;
        e.target.value = state.history[state.historyAt] || '';
        e.preventDefault();
      }
    });

    $('new-channel').addEventListener('submit', async (e) => {
      e.preventDefault();
      const input = $('new-channel-name');
      const name = input.value.trim();
      if (!name) return;
      try {
        const data = await api('POST', 'channels', { name });
        input.value = '';
        state.channels = data.channels;
        await switchView(data.channel.id);
      } catch (err) {
        showStatus(err.message);
      }
    });

    $('form').addEventListener('submit', submitForm);
    $('form-cancel').addEventListener('click', () => {
      $('form-dialog').close();
      state.form = null;
    });

    setInterval(() => {
      if (!document.hidden && !state.busy) void refresh();
    }, POLL_MS);
    $('command').focus();
    document.body.dataset.ready = 'true';
  }

  start().catch((err) => showStatus(`De sandbox kon niet starten: ${err.message}`));
})();
