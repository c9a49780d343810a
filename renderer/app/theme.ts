// antd theme: one brand, two densities. Touch mode (van tablets) makes every control at least
// 44 px high, the minimum comfortable touch target.
import type { ThemeConfig } from 'antd';

export const BRAND_GREEN = '#00754a'; // postal green
export const TOUCH_CONTROL_HEIGHT = 44;

export function appTheme(touchMode: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: BRAND_GREEN,
      colorLink: BRAND_GREEN,
      borderRadius: 6,
      fontSize: touchMode ? 16 : 14,
      controlHeight: touchMode ? TOUCH_CONTROL_HEIGHT : 32,
      controlHeightSM: touchMode ? TOUCH_CONTROL_HEIGHT : 24,
      controlHeightLG: touchMode ? 52 : 40,
    },
    components: {
      Layout: { headerBg: '#ffffff', siderBg: '#0b3d2c', headerHeight: touchMode ? 56 : 48 },
      Menu: {
        darkItemBg: '#0b3d2c',
        darkItemSelectedBg: BRAND_GREEN,
        itemHeight: touchMode ? 52 : 44,
      },
      Checkbox: { controlInteractiveSize: touchMode ? 24 : 16 },
      Radio: { radioSize: touchMode ? 22 : 16 },
      Form: { itemMarginBottom: touchMode ? 16 : 12 },
    },
  };
}
