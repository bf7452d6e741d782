import { App, Modal, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseData } from '../../cases/CasePage';
import { ChooseService } from './ChooseService';
import { NoteAndSend } from './NoteAndSend';
import { type Draft, savedDraft, saveDraft } from './refer-draft';
import { ShareAndConsent } from './ShareAndConsent';

/**
 * Refers the case's person to another organisation's service in three steps: the services that fit the
 * case (best first, with why), or any service of the directory; what the receiver will see once it
 * accepts, checked against the person's consents before anything is sent; then a note that does not
 * name the person, and the urgency.
 */
export function ReferCase({ found, isCoordinator, onClose, onSent }: { found: CaseData; isCoordinator: boolean; onClose: () => void; onSent: (referralId: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(() => savedDraft(found.id) ?? { step: 0, chosen: null, needs: found.needs ?? [], sharedCategories: ['basic', 'contact'] });
  const update = (next: Partial<Draft>) => {
    const merged = { ...draft, ...next };
    setDraft(merged);
    saveDraft(found.id, merged);
  };
  const close = () => {
    saveDraft(found.id, null);
    onClose();
  };

  return (
    <Modal open title={t('refer.title')} onCancel={close} footer={null} destroyOnHidden width={820}>
      <Steps
        size="small"
        current={draft.step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('refer.steps.service') }, { title: t('refer.steps.share') }, { title: t('refer.steps.send') }]}
        data-testid="refer-steps"
      />
      {draft.step === 0 && (
        <ChooseService found={found} chosen={draft.chosen} onChoose={(chosen) => update({ chosen, step: 1 })} />
      )}
      {draft.step === 1 && draft.chosen && (
        <ShareAndConsent found={found} draft={draft} isCoordinator={isCoordinator} onBack={() => update({ step: 0 })} onNext={(next) => update({ ...next, step: 2 })} />
      )}
      {draft.step === 2 && draft.chosen && (
        <NoteAndSend
          found={found}
          draft={draft}
          isCoordinator={isCoordinator}
          onBack={() => update({ step: 1 })}
          onSent={(id, organisation, warnings) => {
            saveDraft(found.id, null);
            void message.success(t('refer.sent', { organisation }));
            if (warnings.includes('NO_PLACES_LEFT')) void message.warning(t('refer.noPlacesLeft'), 8);
            onSent(id);
          }}
        />
      )}
    </Modal>
  );
}
