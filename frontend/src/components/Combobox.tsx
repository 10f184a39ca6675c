/**
 * An accessible autocomplete (WAI-ARIA 1.2 combobox with a listbox popup): typing asks
 * `loadOptions` for suggestions once the text has been still for `debounceMs`; ArrowDown/ArrowUp
 * move the active option (shown by `aria-activedescendant`, focus stays in the input), Enter picks
 * it, Escape closes the list (and clears the text when it is already closed). Leaving the field
 * with text that is exactly one option's key picks that option.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState, type KeyboardEvent, type ReactNode } from "react";

import { useDebouncedValue } from "../hooks/useDebouncedValue";

export interface ComboboxProps<T> {
  label: string;
  /** Query-key prefix, so that suggestions are cached per query, e.g. ["airports"]. */
  queryKey: readonly unknown[];
  loadOptions: (query: string, signal: AbortSignal) => Promise<T[]>;
  getKey: (option: T) => string;
  /** The text the input shows once an option is picked. */
  getText: (option: T) => string;
  renderOption: (option: T) => ReactNode;
  onSelect: (option: T | null) => void;
  initialText?: string;
  placeholder?: string;
  error?: string;
  name?: string;
  debounceMs?: number;
  noMatchesText?: string;
}

export default function Combobox<T>({
  label,
  queryKey,
  loadOptions,
  getKey,
  getText,
  renderOption,
  onSelect,
  initialText = "",
  placeholder,
  error,
  name,
  debounceMs = 250,
  noMatchesText = "No matches",
}: ComboboxProps<T>) {
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const [text, setText] = useState(initialText);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const query = useDebouncedValue(text.trim(), debounceMs);
  const suggestions = useQuery({
    queryKey: [...queryKey, query],
    queryFn: ({ signal }) => loadOptions(query, signal),
    enabled: open && query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  // Options are shown only for the text as typed now, never for an older query.
  const settled = query === text.trim() && !suggestions.isPlaceholderData;
  const options = open && settled && query.length > 0 ? (suggestions.data ?? []) : [];
  const activeIndex = active < options.length ? active : -1;
  const activeOption = activeIndex >= 0 ? options[activeIndex] : undefined;
  const optionId = (option: T) => `${id}-option-${getKey(option)}`;

  const pick = (option: T) => {
    setText(getText(option));
    setOpen(false);
    setActive(-1);
    onSelect(option);
  };

  const move = (step: 1 | -1) => {
    if (!open) {
      setOpen(true);
      return;
    }
    if (options.length === 0) return;
    setActive((activeIndex + step + options.length) % options.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        move(-1);
        break;
      case "Enter":
        if (open && activeOption !== undefined) {
          event.preventDefault();
          pick(activeOption);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text !== "") {
          event.preventDefault();
          setText("");
          onSelect(null);
        }
        break;
    }
  };

  const onBlur = () => {
    const typed = text.trim().toUpperCase();
    const exact = options.find((option) => getKey(option).toUpperCase() === typed);
    if (exact !== undefined) pick(exact);
    else {
      setOpen(false);
      setActive(-1);
    }
  };

  let status: string | null = null;
  if (open && query.length > 0) {
    if (suggestions.isError) status = "Suggestions could not be loaded.";
    else if (!settled || suggestions.isFetching) status = "Searching…";
    else if (options.length === 0) status = noMatchesText;
  }
  const expanded = open && (options.length > 0 || status !== null);

  return (
    <div className="field combobox">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeOption !== undefined ? optionId(activeOption) : undefined}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? errorId : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          // The best match is active at once, so that Enter takes it.
          setActive(0);
          onSelect(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      <ul id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!expanded}>
        {options.map((option, index) => (
          <li
            key={getKey(option)}
            id={optionId(option)}
            role="option"
            aria-selected={index === activeIndex}
            className={index === activeIndex ? "combobox-option active" : "combobox-option"}
            // mousedown, not click: the input must not lose focus (and close the list) first.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(option);
            }}
            onMouseMove={() => {
              setActive(index);
            }}
          >
            {renderOption(option)}
          </li>
        ))}
      </ul>
      <div role="status" className="combobox-status">
        {status}
      </div>
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
