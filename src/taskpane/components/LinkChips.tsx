import { Caption1, InteractionTag, InteractionTagPrimary, InteractionTagSecondary, Link, makeStyles, TagGroup, tokens } from '@fluentui/react-components';
import { OpenRegular, StarFilled } from '@fluentui/react-icons';
import { canBePrimary, type CrmLink } from '../../shared/crm-links.js';
import { format } from '../../addin/text/format.js';
import { PREVIEW_TYPES, type PreviewType } from '../../shared/preview-api.js';
import { useStrings } from '../strings-context.js';
import { PreviewCard, type PreviewCardProps } from './PreviewCard.js';

export interface LinkChipsProps {
  links: readonly CrmLink[];
  onRemove: (link: CrmLink) => void;
  onMakePrimary: (link: CrmLink) => void;
  disabled?: boolean;
  /** The C4C screen of a linked object (never its OData resource), or null: no "open" link beside its chip. */
  openUrl?: (link: CrmLink) => string | null;
  /** A linked record's preview card data (accounts, contacts, opportunities, tickets): a details button beside its chip. */
  loadPreview?: PreviewCardProps['load'];
}

const useStyles = makeStyles({
  group: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  empty: { color: tokens.colorNeutralForeground2 },
  chip: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, minWidth: 0 },
  open: { display: 'inline-flex', alignItems: 'center' },
  // Fluent's small tags set the type and "Primary" at 10 px, too small to read in a narrow pane.
  secondary: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  hint: { color: tokens.colorNeutralForeground2 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
});

const keyOf = (link: CrmLink) => `${link.type}:${link.id}`;

/**
 * Chosen links as removable chips; the primary account and primary contact are starred and say so. Beside each chip,
 * a link opens the object in C4C when the service says where C4C's UI is.
 */
const previewable = (type: string): type is PreviewType => (PREVIEW_TYPES as readonly string[]).includes(type);

export function LinkChips({ links, onRemove, onMakePrimary, disabled, openUrl, loadPreview }: LinkChipsProps) {
  const { strings } = useStrings();
  const t = strings.links;
  const styles = useStyles();
  if (links.length === 0) return <Caption1 className={styles.empty}>{t.none}</Caption1>;
  // Choosing a chip makes it primary: say so visibly where a chip could become primary.
  const canChoosePrimary = links.some((l) => canBePrimary(l) && !l.primary);
  return (
    <div className={styles.list}>
      <TagGroup
        className={styles.group}
        aria-label={t.heading}
        disabled={disabled}
        onDismiss={(_e, data) => {
          const link = links.find((l) => keyOf(l) === data.value);
          if (link) onRemove(link);
        }}
      >
        {links.map((link) => {
          const name = link.name ?? link.id;
          const type = strings.types[link.type];
          const url = openUrl?.(link) ?? null;
          return (
            <span key={keyOf(link)} className={styles.chip}>
              <InteractionTag value={keyOf(link)} appearance={link.primary ? 'brand' : 'outline'} size="small">
                <InteractionTagPrimary
                  hasSecondaryAction
                  icon={link.primary ? <StarFilled aria-hidden /> : undefined}
                  secondaryText={{ children: link.primary ? `${type} · ${t.primary}` : type, className: styles.secondary }}
                  // The visible text (name, type, "Primary") is the accessible name; the action is described.
                  aria-description={canBePrimary(link) && !link.primary ? format(t.makePrimary, { type }) : undefined}
                  aria-pressed={canBePrimary(link) ? Boolean(link.primary) : undefined}
                  onClick={canBePrimary(link) && !link.primary ? () => onMakePrimary(link) : undefined}
                >
                  {/* CRM data, not the pane's text: left alone by browser translation. */}
                  <span translate="no">{name}</span>
                </InteractionTagPrimary>
                <InteractionTagSecondary aria-label={t.remove} />
              </InteractionTag>
              {loadPreview && previewable(link.type) && <PreviewCard type={link.type} id={link.id} name={name} load={loadPreview} />}
              {url && (
                <Link className={styles.open} href={url} target="_blank" rel="noopener noreferrer" aria-label={format(t.open, { name })} title={format(t.open, { name })}>
                  <OpenRegular aria-hidden />
                </Link>
              )}
            </span>
          );
        })}
      </TagGroup>
      {canChoosePrimary && !disabled && <Caption1 className={styles.hint}>{t.primaryHint}</Caption1>}
    </div>
  );
}
