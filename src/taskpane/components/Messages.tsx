import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useStrings } from '../strings-context.js';

export interface PaneMessage {
  id: string;
  intent: 'info' | 'success' | 'warning' | 'error';
  text: string;
  action?: { label: string; onClick: () => void };
  /** Messages that describe a lasting condition (not signed in, unreachable) can't be dismissed. */
  dismissible?: boolean;
}

export interface MessagesProps {
  messages: readonly PaneMessage[];
  onDismiss: (id: string) => void;
}

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS } });

/** Outcomes and problems, newest last. Errors are announced assertively, the rest politely (MessageBar). */
export function Messages({ messages, onDismiss }: MessagesProps) {
  const { strings } = useStrings();
  const styles = useStyles();
  if (messages.length === 0) return null;
  return (
    <div className={styles.root}>
      {messages.map((m) => (
        <MessageBar key={m.id} intent={m.intent} layout="multiline" politeness={m.intent === 'error' ? 'assertive' : 'polite'}>
          <MessageBarBody>{m.text}</MessageBarBody>
          {(m.action || m.dismissible !== false) && (
            <MessageBarActions
              containerAction={
                m.dismissible !== false ? (
                  <Button appearance="transparent" size="small" aria-label={strings.errors.dismiss} icon={<DismissRegular />} onClick={() => onDismiss(m.id)} />
                ) : undefined
              }
            >
              {m.action && (
                <Button size="small" onClick={m.action.onClick}>
                  {m.action.label}
                </Button>
              )}
            </MessageBarActions>
          )}
        </MessageBar>
      ))}
    </div>
  );
}
