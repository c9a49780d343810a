// A text field that also takes a keyboard-wedge scanner: a fast burst ending in Enter replaces
// the field's text with the scanned code (scanners type into whatever is there) and reports it.
import { Input, type InputProps, type InputRef } from 'antd';
import { forwardRef, useRef } from 'react';
import { ScanDetector } from './scan-detector.ts';

export interface ScanInputProps extends Omit<InputProps, 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  /** Called with the scanned text after a burst; the Enter still moves to the next field. */
  onScan?: (code: string) => void;
}

export const ScanInput = forwardRef<InputRef, ScanInputProps>(function ScanInput(
  { value, onChange, onScan, onKeyDown, ...rest },
  ref,
) {
  const detector = useRef(new ScanDetector());
  return (
    <Input
      {...rest}
      ref={ref}
      value={value}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        const scanned = detector.current.push(event.key, event.timeStamp);
        if (scanned !== null) {
          onChange(scanned);
          onScan?.(scanned);
        }
        onKeyDown?.(event);
      }}
      onBlur={(event) => {
        detector.current.reset();
        rest.onBlur?.(event);
      }}
    />
  );
});
