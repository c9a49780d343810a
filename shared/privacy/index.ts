// Privacy masking for waybills (GB/T 41833-2022 隐私面单) and screens. Pure functions
// on user-perceived characters: rare characters (𠮷, 䶮) are never split.

export { maskName } from './name.ts';
export { maskPhone, phoneLast4 } from './phone.ts';
export { maskIdNumber } from './idNumber.ts';
export { ADDRESS_MASK, maskAddress, maskAddressDetail, type PostalAddress } from './address.ts';
export { MASK_CHAR } from './text.ts';
