// The confirmation an admin gives before an action that forgets or changes something for good (remove a mailbox, a
// full resync, release or discard a held session). It names what the action acts on and what will happen, and Cancel
// has the focus when it opens: Enter or Escape alone never confirms, so a key pressed in haste does nothing. An alert
// dialog (role alertdialog): a click outside does not dismiss it either; Tab moves between its two buttons only.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  /** Names the action and what it acts on, e.g. "Remove ben@contoso.com?". */
  title: string;
  /** What will happen, and what will not. */
  children: ReactNode;
  /** The confirm button's text, the action's verb (e.g. "Remove"). */
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  // Fluent focuses the first focusable element; Cancel is first, and focused here too so a reordering cannot change it.
  useEffect(() => {
    if (open) cancel.current?.focus();
  }, [open]);
  return (
    <Dialog modalType="alert" open={open} onOpenChange={(_e, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <Button ref={cancel} onClick={onCancel}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
