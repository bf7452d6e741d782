import { Modal } from 'antd';
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';
import { leavesPage } from './leave-rules';

interface Registry {
  /** Forms with changes not yet saved, by an id of each mounted form. */
  dirty: Set<symbol>;
}

const UnsavedContext = createContext<Registry | null>(null);

/**
 * Holds the app's one navigation blocker (a router keeps one at a time) for every form on screen: a
 * move to another page, or closing or reloading the tab, while any of them has unsaved changes asks
 * first. Staying keeps everything typed.
 */
export function UnsavedChangesHost({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const registry = useMemo<Registry>(() => ({ dirty: new Set() }), []);
  // Read when a navigation starts, so a form marked saved just before its own navigate() is let go.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => registry.dirty.size > 0 && leavesPage(currentLocation, nextLocation));
  useEffect(() => {
    const ask = (event: BeforeUnloadEvent) => {
      if (registry.dirty.size === 0) return;
      event.preventDefault();
      // Older browsers ask only when a value is set; the text they show is their own.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [registry]);
  const leave = () => {
    // What was typed is given up: the forms are not asked about again on the way out.
    registry.dirty.clear();
    blocker.proceed?.();
  };
  return (
    <UnsavedContext.Provider value={registry}>
      {children}
      <Modal
        open={blocker.state === 'blocked'}
        title={t('unsaved.title')}
        onCancel={() => blocker.reset?.()}
        onOk={leave}
        okText={t('unsaved.leave')}
        cancelText={t('unsaved.stay')}
        okButtonProps={{ danger: true, 'data-testid': 'unsaved-leave' } as never}
        cancelButtonProps={{ 'data-testid': 'unsaved-stay' } as never}
        data-testid="unsaved-dialog"
        destroyOnHidden
      >
        {t('unsaved.body')}
      </Modal>
    </UnsavedContext.Provider>
  );
}

/**
 * A form's part in the guard: `onValuesChange` on the `<Form>` marks it changed (only the person's own
 * edits count, not values the page sets), `saved()` before navigating away after a successful save (or
 * after a save that stays), and `extraDirty` for changes kept outside the form (services chosen in a wizard).
 */
export function useUnsavedChanges(extraDirty = false) {
  const registry = useContext(UnsavedContext);
  const [id] = useState(() => Symbol('form'));
  const [edited, setEdited] = useState(false);
  const dirty = edited || extraDirty;
  useEffect(() => {
    if (!registry) return undefined;
    if (dirty) registry.dirty.add(id);
    else registry.dirty.delete(id);
    return () => {
      registry.dirty.delete(id);
    };
  }, [registry, id, dirty]);
  const onValuesChange = useCallback(() => {
    registry?.dirty.add(id);
    setEdited(true);
  }, [registry, id]);
  const saved = useCallback(() => {
    registry?.dirty.delete(id);
    setEdited(false);
  }, [registry, id]);
  return { dirty, onValuesChange, saved };
}
