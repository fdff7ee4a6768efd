import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  filtersFromParams,
  filtersToParams,
  type ExecutionFilters,
} from '../model/search-query.js';

/** The list's filters, kept in the URL; `update` merges a change and resets the page unless given. */
export function useFilters(): [ExecutionFilters, (patch: Partial<ExecutionFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const update = useCallback(
    (patch: Partial<ExecutionFilters>) => {
      setParams((prev) => filtersToParams({ ...filtersFromParams(prev), page: 0, ...patch }), {
        replace: true,
      });
    },
    [setParams],
  );
  return [filters, update];
}
