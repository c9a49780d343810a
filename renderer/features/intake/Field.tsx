// A labelled form row whose error (from validation) shows right beside the field, in the UI
// language, with the stable code for support.
import { Form } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../../i18n/index.ts';
import { useIntake } from './store.ts';

export function Field({
  path,
  label,
  children,
  extra,
  required,
  alsoPaths = [],
}: {
  path: string;
  label: ReactNode;
  children: ReactNode;
  extra?: ReactNode;
  required?: boolean;
  /** Other error paths shown on this row (e.g. the address detail under the cascader). */
  alsoPaths?: readonly string[];
}) {
  const error = useIntake((s) => s.errors[path] ?? alsoPaths.map((p) => s.errors[p]).find(Boolean));
  return (
    <Form.Item
      label={label}
      required={required}
      validateStatus={error ? 'error' : undefined}
      help={
        error ? (
          <span data-testid={`error-${path}`} data-error-code={error.code}>
            {errorMessage(error)}
          </span>
        ) : undefined
      }
      extra={extra}
      data-field={path}
    >
      {children}
    </Form.Item>
  );
}
