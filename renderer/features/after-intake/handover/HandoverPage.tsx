// 交接/总包: the sending side and the receiving side of a batch, on one screen.
import { Tabs } from 'antd';
import { useAfterIntakeText } from '../i18n/index.ts';
import { ReceivePanel } from './ReceivePanel.tsx';
import { SendPanel } from './SendPanel.tsx';

export function HandoverPage() {
  const { m } = useAfterIntakeText();
  return (
    <Tabs
      destroyOnHidden
      items={[
        { key: 'send', label: m.handover.sendTab, children: <SendPanel /> },
        { key: 'receive', label: m.handover.receiveTab, children: <ReceivePanel /> },
      ]}
    />
  );
}
