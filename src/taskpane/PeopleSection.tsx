// "Attendees" and "Follow-up", loaded on demand like the links section: they come after the item, its status and
// "Sync as", and their controls (the date field) keep out of the pane's first download.
import { Divider } from '@fluentui/react-components';
import { AttendeesSection, type AttendeesSectionProps } from './components/AttendeesSection.js';
import { FollowUpSection, type FollowUpSectionProps } from './components/FollowUpSection.js';

export interface PeopleSectionProps {
  attendees: AttendeesSectionProps;
  followUp: FollowUpSectionProps;
}

export default function PeopleSection({ attendees, followUp }: PeopleSectionProps) {
  return (
    <>
      <AttendeesSection {...attendees} />
      <Divider />
      <FollowUpSection key={followUp.defaultDueDate} {...followUp} />
    </>
  );
}
