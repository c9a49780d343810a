// Province → city → county → street cascader (streets load per province on demand) with a
// quick place-name search beside it.
import { AutoComplete, Cascader, Col, Row } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  childrenOf,
  divisionPath,
  loadChildren,
  searchDivisions,
  searchTownships,
  type Division,
} from '../../../shared/divisions/index.ts';
import { namesOfPath } from './address.ts';
import type { AddressNames } from './draft.ts';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const toOption = (d: Division): Option => ({
  value: d.code,
  label: d.name,
  isLeaf: d.level === 'township',
});

function buildTree(): Option[] {
  return childrenOf(null).map((province) => ({
    ...toOption(province),
    children: childrenOf(province.code).map((city) => ({
      ...toOption(city),
      children: childrenOf(city.code).map((county) => {
        const streets = childrenOf(county.code);
        return {
          ...toOption(county),
          // Unknown until loaded: a county may have no streets at all.
          isLeaf: false,
          ...(streets.length ? { children: streets.map(toOption) } : {}),
        };
      }),
    })),
  }));
}

export interface AddressChoice {
  divisionCode: string;
  names: AddressNames;
}

export function AddressPicker({
  value,
  onChange,
  onUnknown,
  onUnknownChecked,
  status,
}: {
  value: string;
  onChange: (choice: AddressChoice) => void;
  /** The clerk typed a place we don't know and pressed Enter. */
  onUnknown: (text: string) => void;
  /** Called after onUnknown's update, to show the error at once. */
  onUnknownChecked?: () => void;
  status?: 'error';
}) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const tree = useMemo(() => buildTree(), [version]);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<readonly Division[]>([]);

  const path = useMemo(() => {
    if (!value) return [];
    const found = divisionPath(value);
    return found.ok ? found.value.map((d) => d.code) : [];
  }, [value, version]);

  // A code chosen elsewhere (search, restore) needs its county's streets in the tree.
  useEffect(() => {
    if (value.length >= 6)
      void loadChildren(value.slice(0, 6)).then(() => setVersion((v) => v + 1));
  }, [value]);

  useEffect(() => {
    let live = true;
    const text = query.trim();
    if (!text) {
      setResults([]);
      return;
    }
    const province = value.slice(0, 2);
    void (async () => {
      const counties = searchDivisions(text, 8);
      const streets = province ? await searchTownships(text, province, 8) : [];
      if (live) setResults([...streets, ...counties].slice(0, 12));
    })();
    return () => {
      live = false;
    };
  }, [query, value]);

  const choose = async (code: string) => {
    await loadChildren(code.slice(0, 6));
    const found = divisionPath(code);
    if (!found.ok) return;
    setVersion((v) => v + 1);
    onChange({ divisionCode: code, names: namesOfPath(found.value) });
  };

  return (
    <Row gutter={8}>
      <Col flex="auto">
        <Cascader
          options={tree}
          value={path}
          status={status}
          placeholder={t('intake.addressPlaceholder')}
          changeOnSelect
          showSearch={false}
          style={{ width: '100%' }}
          data-testid="address-cascader"
          popupClassName="wp-address-popup"
          loadData={(selected) => {
            const target = selected[selected.length - 1];
            if (!target || target.value === undefined) return;
            void loadChildren(String(target.value)).then(() => setVersion((v) => v + 1));
          }}
          onChange={(codes) => {
            const last = codes?.[codes.length - 1];
            if (last === undefined) {
              onChange({ divisionCode: '', names: {} });
              return;
            }
            void choose(String(last));
          }}
        />
      </Col>
      <Col flex="220px">
        <AutoComplete
          value={query}
          onChange={setQuery}
          placeholder={t('intake.addressSearch')}
          style={{ width: '100%' }}
          data-testid="address-search"
          notFoundContent={query.trim() ? t('intake.addressSearchNone') : null}
          options={results.map((d) => ({ value: d.code, label: d.fullName }))}
          onSelect={(code: string) => {
            setQuery('');
            void choose(code);
          }}
          onInputKeyDown={(event) => {
            if (event.key === 'Enter' && query.trim() && results.length === 0) {
              event.preventDefault();
              onUnknown(query.trim());
              onUnknownChecked?.();
            }
          }}
        />
      </Col>
    </Row>
  );
}
