import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { FieldShell } from '../../components/Field';
import { browserTimeZones, filterTimeZones, withCurrent } from './timeZones';

interface TimeZoneComboboxProps {
  label: string;
  hint?: string;
  error?: string | undefined;
  /** What the field holds: a zone name, or what the person is typing. */
  value: string;
  onChange: (value: string) => void;
  /** The saved zone, offered even when this browser does not list it. */
  saved: string;
  name?: string;
}

/**
 * A searchable time-zone field: the ARIA 1.2 combobox pattern (an input that filters a
 * listbox, the first match highlighted, arrows to move, Enter to pick, Escape to close).
 * Radix has no combobox, and a native datalist can be neither styled nor read reliably. The
 * field accepts any text: the server is the judge of a zone name (422 on the field otherwise).
 */
export function TimeZoneCombobox({
  label,
  hint,
  error,
  value,
  onChange,
  saved,
  name,
}: TimeZoneComboboxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  // Typing filters; opening the list without typing shows every zone with the current one lit.
  const [filtering, setFiltering] = useState(false);
  const [active, setActive] = useState(-1);

  const zones = useMemo(() => withCurrent(browserTimeZones(), saved), [saved]);
  const options = useMemo(
    () => (filtering ? filterTimeZones(zones, value) : [...zones]),
    [zones, value, filtering],
  );
  const optionId = (index: number) => `${listId}-option-${index}`;
  const activeId = open && active >= 0 && active < options.length ? optionId(active) : undefined;

  useEffect(() => {
    if (activeId === undefined) return;
    const element = document.getElementById(activeId);
    // jsdom has no scrollIntoView; browsers do.
    if (typeof element?.scrollIntoView === 'function') element.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const show = () => {
    setOpen(true);
    setActive(filtering ? 0 : Math.max(0, zones.indexOf(value)));
  };
  const choose = (zone: string) => {
    onChange(zone);
    setFiltering(false);
    setOpen(false);
  };
  const move = (step: number) => {
    if (!open) {
      show();
      return;
    }
    if (options.length === 0) return;
    setActive((index) => (index + step + options.length) % options.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        break;
      case 'Enter': {
        // Picking from the open list must not submit the form as well.
        const zone = options[active];
        if (open && zone !== undefined) {
          event.preventDefault();
          choose(zone);
        }
        break;
      }
      case 'Escape':
        if (open) {
          // Closes the list only, not a dialog or anything else around the field.
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        }
        break;
      default:
    }
  };

  return (
    <FieldShell
      label={label}
      hint={hint}
      error={error}
      className="tz-combobox"
      render={(aria) => (
        <>
          <input
            {...aria}
            className="field__control"
            type="text"
            name={name}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={activeId}
            autoComplete="off"
            spellCheck={false}
            value={value}
            onChange={(event) => {
              onChange(event.target.value);
              setFiltering(true);
              setOpen(true);
              setActive(0);
            }}
            onClick={() => {
              if (open) setOpen(false);
              else show();
            }}
            onKeyDown={onKeyDown}
            onBlur={() => {
              setOpen(false);
            }}
          />
          <ul
            id={listId}
            role="listbox"
            aria-label={label}
            className="tz-combobox__list"
            hidden={!open || options.length === 0}
          >
            {open &&
              options.map((zone, index) => (
                <li
                  key={zone}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  className="tz-combobox__option"
                  // Keeps the focus in the input, so the blur does not close the list first.
                  onMouseDown={(event) => {
                    event.preventDefault();
                  }}
                  onClick={() => {
                    choose(zone);
                  }}
                >
                  {zone}
                </li>
              ))}
          </ul>
          {open && options.length === 0 && (
            <p className="tz-combobox__empty">No time zone matches “{value}”.</p>
          )}
        </>
      )}
    />
  );
}
