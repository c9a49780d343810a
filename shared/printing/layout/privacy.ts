// The one place the layouts reach the privacy rules (GB/T 41833-2022 masking).
export { maskAddress, maskName, maskPhone } from '../../privacy/index.ts';
