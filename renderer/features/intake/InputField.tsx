// A text box in a form row: its grid column, label and validation error (Field), and its value
// in the intake draft. The sections' many plain text rows are this one component.
import { Col, Input, type InputProps } from 'antd';
import type { ReactNode } from 'react';
import { Field } from './Field.tsx';
import type { IntakeDraft } from './draft.ts';
import { useIntake } from './store.ts';

export function InputField({
  span,
  path,
  label,
  required,
  value,
  write,
  testId,
  mono,
  ...input
}: {
  span: number;
  /** The draft path: where validation errors for this row are filed, and what changes. */
  path: string;
  label: ReactNode;
  required?: boolean;
  value: string;
  /** Puts the typed text into the draft. */
  write: (draft: IntakeDraft, text: string) => void;
  testId: string;
  /** Monospaced, for numbers a clerk compares digit by digit. */
  mono?: boolean;
} & Pick<InputProps, 'maxLength' | 'placeholder' | 'inputMode' | 'autoComplete' | 'suffix'>) {
  const update = useIntake((s) => s.update);
  return (
    <Col span={span}>
      <Field path={path} label={label} required={required}>
        <Input
          className={mono ? 'wp-mono' : undefined}
          value={value}
          {...input}
          data-testid={testId}
          onChange={(e) => update(path, (d) => write(d, e.target.value))}
        />
      </Field>
    </Col>
  );
}
