import { Fragment } from 'react';
import { Kbd } from '../../components/Kbd';
import { displayKeys, type Keys } from '../../shortcuts/registry';
import { isApplePlatform } from './shortcutGroups';

/**
 * Keys as the person presses them: a chord as "Ctrl + k", a sequence as "g then d", each key
 * in its own <kbd>. Written by the registry's displayKeys, so help and palette agree.
 */
export function KeyCombo({ keys }: { keys: Keys }) {
  const steps = displayKeys(keys, isApplePlatform());
  return (
    <span className="key-combo">
      {steps.map((step, index) => (
        <Fragment key={index}>
          {index > 0 && <span className="key-combo__then"> then </span>}
          {step.split(' ').map((key, keyIndex) => (
            <Fragment key={keyIndex}>
              {keyIndex > 0 && <span className="key-combo__plus"> + </span>}
              <Kbd>{key}</Kbd>
            </Fragment>
          ))}
        </Fragment>
      ))}
    </span>
  );
}
