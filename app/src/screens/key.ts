// The account screen: create or import a key, restore a backup, unlock, show the address (and
// its QR code) to give the community officer, download the encrypted backup, lock or forget.

import { h, card, note, qr, errorBox } from '../ui';
import { t } from '../i18n';
import { DEV_RESIDENTS, isValidSuri, newMnemonic, splitSuri } from '../keys';
import { emptyContents, forget, parseBackup, storeSealed, WrongPassword } from '../vault';
import { createVault, lock, state, unlock } from '../state';

export function keyScreen(rerender: () => void): HTMLElement {
  if (state.account) return unlockedView(rerender);
  if (state.sealed) return lockedView(rerender);
  return setupView(rerender);
}

function passwordFields() {
  const p1 = h('input', { type: 'password', autocomplete: 'new-password', 'data-testid': 'password', placeholder: t('key.password') });
  const p2 = h('input', { type: 'password', autocomplete: 'new-password', 'data-testid': 'password2', placeholder: t('key.password2') });
  const check = (): string | null => {
    if (p1.value.length < 8) return t('key.passwordShort');
    if (p1.value !== p2.value) return t('key.passwordMismatch');
    return null;
  };
  return { nodes: [h('label', {}, t('key.password'), p1), h('label', {}, t('key.password2'), p2)], check, value: () => p1.value };
}

function setupView(rerender: () => void): HTMLElement {
  const body = h('div');
  const showForm = (mnemonic: string | null, preset = '') => {
    const pw = passwordFields();
    const err = h('div');
    const phrase = h('textarea', { rows: 3, 'data-testid': 'mnemonic', autocapitalize: 'none', spellcheck: 'false' });
    phrase.value = mnemonic ?? preset;
    if (mnemonic) phrase.readOnly = true;
    const save = h('button', { class: 'primary', 'data-testid': 'save-key' }, t('key.save'));
    save.addEventListener('click', async () => {
      err.replaceChildren();
      if (!isValidSuri(phrase.value)) return err.append(errorBox(t('key.mnemonicInvalid')));
      const problem = pw.check();
      if (problem) return err.append(errorBox(problem));
      save.disabled = true;
      const { phrase: words, path } = splitSuri(phrase.value);
      await createVault(emptyContents(path ? `${words}${path}` : words), pw.value());
      location.hash = '#/';
      rerender();
    });
    body.replaceChildren(
      h('label', {}, t('key.mnemonic'), phrase),
      ...(mnemonic ? [note(t('key.mnemonicShow'), { class: 'note warn' })] : []),
      ...pw.nodes,
      err,
      save,
    );
  };
  const restore = () => {
    const file = h('input', { type: 'file', accept: 'application/json,.json', 'data-testid': 'backup-file' });
    const err = h('div');
    file.addEventListener('change', async () => {
      err.replaceChildren();
      try {
        const sealed = parseBackup(await file.files![0].text());
        storeSealed(sealed);
        state.sealed = sealed;
        rerender();
      } catch {
        err.append(errorBox(t('key.backupBad')));
      }
    });
    body.replaceChildren(h('label', {}, t('key.restore'), file), err);
  };
  const dev = state.chain?.isDev
    ? card(
        t('key.dev'),
        note(t('key.devNote')),
        h('div', { class: 'buttons' }, ...DEV_RESIDENTS.map((r) => h('button', { class: 'secondary', 'data-testid': `dev-${r.name}`, onclick: () => showForm(null, r.suri) }, r.name))),
      )
    : null;
  return h(
    'div',
    {},
    card(
      t('nav.key'),
      note(t('key.none')),
      h(
        'div',
        { class: 'buttons' },
        h('button', { class: 'primary', 'data-testid': 'create-key', onclick: () => showForm(newMnemonic()) }, t('key.create')),
        h('button', { class: 'secondary', 'data-testid': 'import-key', onclick: () => showForm(null) }, t('key.import')),
        h('button', { class: 'secondary', 'data-testid': 'restore-key', onclick: restore }, t('key.restore')),
      ),
      body,
    ),
    dev,
  );
}

function lockedView(rerender: () => void): HTMLElement {
  const pw = h('input', { type: 'password', autocomplete: 'current-password', 'data-testid': 'unlock-password', placeholder: t('key.password') });
  const err = h('div');
  const go = h('button', { class: 'primary', 'data-testid': 'unlock' }, t('key.unlock'));
  const submit = async () => {
    err.replaceChildren();
    go.disabled = true;
    try {
      await unlock(pw.value);
      rerender();
    } catch (e) {
      err.append(errorBox(e instanceof WrongPassword ? t('key.passwordWrong') : (e as Error).message));
    } finally {
      go.disabled = false;
    }
  };
  go.addEventListener('click', submit);
  pw.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && submit());
  return card(
    t('nav.key'),
    addressBlock(state.sealed!.address),
    note(t('key.locked')),
    pw,
    err,
    h('div', { class: 'buttons' }, go, forgetButton(rerender)),
  );
}

function addressBlock(address: string): HTMLElement {
  const copied = h('span', { class: 'note' });
  return h(
    'div',
    { class: 'address-block' },
    h('h3', {}, t('key.address')),
    h('code', { class: 'address', 'data-testid': 'address' }, address),
    qr(address, 'address-qr'),
    h('button', {
      class: 'secondary',
      onclick: async () => {
        await navigator.clipboard?.writeText(address).catch(() => {});
        copied.textContent = t('key.copied');
      },
    }, t('key.copy')),
    copied,
    note(t('key.addressNote')),
  );
}

function forgetButton(rerender: () => void): HTMLElement {
  return h('button', {
    class: 'danger',
    'data-testid': 'forget',
    onclick: () => {
      if (!confirm(t('key.forgetConfirm'))) return;
      forget();
      lock();
      state.sealed = null;
      rerender();
    },
  }, t('key.forget'));
}

function unlockedView(rerender: () => void): HTMLElement {
  const secret = h('div');
  return card(
    t('nav.key'),
    addressBlock(state.account!.address),
    h(
      'div',
      { class: 'buttons' },
      h('button', {
        class: 'secondary',
        'data-testid': 'export',
        onclick: () => {
          const blob = new Blob([JSON.stringify(state.sealed, null, 2)], { type: 'application/json' });
          const a = h('a', { href: URL.createObjectURL(blob), download: `gongzhi-backup-${state.account!.address.slice(0, 8)}.json` });
          document.body.append(a);
          a.click();
          a.remove();
        },
      }, t('key.export')),
      h('button', {
        class: 'secondary',
        'data-testid': 'show-mnemonic',
        onclick: () => secret.replaceChildren(h('code', { class: 'mnemonic' }, splitSuri(state.contents!.suri).phrase), note(t('key.mnemonicShow'), { class: 'note warn' })),
      }, t('key.showMnemonic')),
      h('button', { class: 'secondary', 'data-testid': 'lock', onclick: () => { lock(); rerender(); } }, t('key.lock')),
      forgetButton(rerender),
    ),
    note(t('key.exportNote')),
    secret,
  );
}
