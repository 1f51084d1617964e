import { useEffect, useRef, useState, type Ref } from 'react';
import { Button } from '../../components/Button';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import {
  activeFilterCount,
  NO_FILTERS,
  SORT_OPTIONS,
  type TaskFilters,
  type TaskSort,
} from './filters';
import { PRIORITY_OPTIONS, STATUS_OPTIONS } from './labels';
import { memberName, type TeamLookup } from './teamLookup';
import { useDebouncedText } from './useDebouncedText';

/** Tags as typed ("@api, v2 UI") to the canonical text of the tags they name ("api, v2, ui"). */
function tagsOf(text: string): string[] {
  const tags = text
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^@/, '').toLowerCase())
    .filter((tag) => /^[a-z0-9._-]{1,30}$/.test(tag));
  return [...new Set(tags)];
}
const tagsText = (tags: readonly string[]): string => tags.join(', ');

interface CheckGroupProps<V extends string> {
  legend: string;
  options: readonly { value: V; label: string }[];
  checked: readonly V[];
  onChange: (values: V[]) => void;
}

/** A fieldset of checkboxes: any number of values (none means "any"). */
function CheckGroup<V extends string>({ legend, options, checked, onChange }: CheckGroupProps<V>) {
  return (
    <fieldset className="check-group">
      <legend className="field__label">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="check-group__item">
          <input
            type="checkbox"
            checked={checked.includes(option.value)}
            onChange={(event) => {
              const rest = checked.filter((value) => value !== option.value);
              // Kept in the options' order, so the URL does not depend on the click order.
              const next = event.target.checked ? [...rest, option.value] : rest;
              onChange(options.map((o) => o.value).filter((value) => next.includes(value)));
            }}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

export interface TaskFilterBarProps {
  filters: TaskFilters;
  onChange: (next: TaskFilters, options?: { replace?: boolean }) => void;
  searchRef: Ref<HTMLInputElement>;
  /** The workspace's projects and members, for their filters (none: the filters are hidden). */
  lookup?: TeamLookup;
}

/** The project filter's choices: any, then each project (archived ones last, marked). */
export function projectOptions(lookup: TeamLookup): { value: string; label: string }[] {
  const ordered = [...lookup.projects].sort((a, b) => Number(a.archived) - Number(b.archived));
  return [
    { value: '', label: 'Any project' },
    ...ordered.map((project) => ({
      value: String(project.id),
      label: project.archived ? `${project.name} (archived)` : project.name,
    })),
  ];
}

/** The assignee filter's choices: anyone, me, unassigned, then each member. */
export function assigneeOptions(lookup: TeamLookup): { value: string; label: string }[] {
  return [
    { value: '', label: 'Anyone' },
    { value: 'me', label: 'Assigned to me' },
    { value: 'none', label: 'Unassigned' },
    ...lookup.members.map((member) => ({
      value: String(member.user_id),
      label: memberName(member),
    })),
  ];
}

/** Search, sort and the API's filters; every change goes to the URL (see useTaskFilters). */
export function TaskFilterBar({ filters: inUrl, onChange, searchRef, lookup }: TaskFilterBarProps) {
  // The controls show a change at once: the router applies a new URL in a transition, and until
  // it lands a controlled checkbox would spring back for a moment. They follow the URL when it
  // changes (Back, a link).
  const [filters, setFilters] = useState(inUrl);
  useEffect(() => {
    setFilters(inUrl);
  }, [inUrl]);
  // Typing commits after a pause, against the filters as they are then, not as they were.
  const current = useRef(filters);
  current.current = filters;
  const commit = (next: TaskFilters, replace = false) => {
    current.current = next;
    setFilters(next);
    onChange(next, { replace });
  };
  const update = (patch: Partial<TaskFilters>, replace = false) => {
    commit({ ...current.current, ...patch }, replace);
  };

  const [q, setQ] = useDebouncedText(filters.q, (text) => {
    update({ q: text.trim() }, true);
  });
  const [category, setCategory] = useDebouncedText(filters.category, (text) => {
    update({ category: text.trim() }, true);
  });
  const [tags, setTags] = useDebouncedText(
    tagsText(filters.tags),
    (text) => {
      update({ tags: tagsOf(text) }, true);
    },
    (text) => tagsText(tagsOf(text)),
  );
  const active = activeFilterCount(filters);
  // Open at first when the URL already filters, so a bookmarked view shows what it filters by.
  const [open, setOpen] = useState(active > 0);

  return (
    <div className="filters" role="search" aria-label="Filter tasks">
      <div className="filters__main">
        <TextField
          ref={searchRef}
          label="Search"
          type="search"
          className="filters__search"
          placeholder="Title or description"
          value={q}
          onChange={(event) => {
            setQ(event.target.value);
          }}
        />
        <Select<TaskSort>
          label="Sort"
          className="filters__sort"
          options={SORT_OPTIONS}
          value={filters.sort}
          onChange={(event) => {
            const sort = SORT_OPTIONS.find((option) => option.value === event.target.value);
            if (sort) update({ sort: sort.value });
          }}
        />
      </div>
      <details
        className="filters__more"
        open={open}
        onToggle={(event) => {
          setOpen(event.currentTarget.open);
        }}
      >
        <summary>Filters{active > 0 ? ` (${active})` : ''}</summary>
        <div className="filters__grid">
          <CheckGroup
            legend="Status"
            options={STATUS_OPTIONS}
            checked={filters.status}
            onChange={(status) => {
              update({ status });
            }}
          />
          <CheckGroup
            legend="Priority"
            options={PRIORITY_OPTIONS}
            checked={filters.priority}
            onChange={(priority) => {
              update({ priority });
            }}
          />
          <TextField
            label="Category"
            hint="Exact name"
            value={category}
            onChange={(event) => {
              setCategory(event.target.value);
            }}
          />
          <TextField
            label="Tags"
            hint="Tasks with all of them, e.g. api, v2"
            value={tags}
            onChange={(event) => {
              setTags(event.target.value);
            }}
          />
          <TextField
            label="Due from"
            type="date"
            value={filters.dueFrom}
            max={filters.dueUntil || undefined}
            onChange={(event) => {
              update({ dueFrom: event.target.value });
            }}
          />
          <TextField
            label="Due until"
            type="date"
            value={filters.dueUntil}
            min={filters.dueFrom || undefined}
            onChange={(event) => {
              update({ dueUntil: event.target.value });
            }}
          />
          {lookup !== undefined && (lookup.projects.length > 0 || filters.project !== '') && (
            <Select
              label="Project"
              options={projectOptions(lookup)}
              value={filters.project}
              onChange={(event) => {
                update({ project: event.target.value });
              }}
            />
          )}
          {lookup !== undefined && (lookup.members.length > 1 || filters.assignee !== '') && (
            <Select
              label="Assignee"
              options={assigneeOptions(lookup)}
              value={filters.assignee}
              onChange={(event) => {
                update({ assignee: event.target.value });
              }}
            />
          )}
          <label className="check-group__item filters__overdue">
            <input
              type="checkbox"
              checked={filters.overdue}
              onChange={(event) => {
                update({ overdue: event.target.checked });
              }}
            />
            Overdue only
          </label>
          {active > 0 && (
            <Button
              variant="ghost"
              className="filters__clear"
              onClick={() => {
                commit({ ...NO_FILTERS, sort: filters.sort });
              }}
            >
              Clear filters
            </Button>
          )}
        </div>
      </details>
    </div>
  );
}
