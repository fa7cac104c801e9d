import { TriangleAlert } from 'lucide-react';
import { Badge } from '../../../components/ui/badge.tsx';
import { DescriptionItem, DescriptionList } from '../../../components/ui/description-list.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { formatCount } from '../../../lib/format.ts';
import type { PersonDetail } from './person-types.ts';
import { AddressValue, CountryValue, DayValue, EnumValue, InstantValue, Missing, YesNo } from './person-values.tsx';

type Person = PersonDetail['person'];

function text(value: string | null) {
  return value ? value : <Missing />;
}

/** Who the customer is and how to reach them: what an agent checks first on a call. */
export function IdentityPanel({ person }: { person: Person }) {
  return (
    <Panel title="Identity and contact" padded>
      <DescriptionList columns={3}>
        <DescriptionItem term="Salutation">{person.salutation ? <EnumValue value={person.salutation} /> : <Missing />}</DescriptionItem>
        <DescriptionItem term="Title">{text(person.title)}</DescriptionItem>
        <DescriptionItem term="Birth name">{text(person.birthName)}</DescriptionItem>
        <DescriptionItem term="First name(s)">{text(person.firstName)}</DescriptionItem>
        <DescriptionItem term="Last name">{text(person.lastName)}</DescriptionItem>
        <DescriptionItem term="Date of birth">
          <DayValue day={person.birthDate} />
        </DescriptionItem>
        <DescriptionItem term="Place of birth">{text(person.birthCity)}</DescriptionItem>
        <DescriptionItem term="Country of birth">
          <CountryValue code={person.birthCountry} />
        </DescriptionItem>
        <DescriptionItem term="Nationality">
          <CountryValue code={person.nationality} />
        </DescriptionItem>
        <DescriptionItem term="Email">{person.email ? <span className="break-all">{person.email}</span> : <Missing />}</DescriptionItem>
        <DescriptionItem term="Mobile number">
          {person.mobileNumber ? <span className="tabular">{person.mobileNumber}</span> : <Missing />}
        </DescriptionItem>
      </DescriptionList>
    </Panel>
  );
}

export function AddressPanel({ person }: { person: Person }) {
  return (
    <Panel title="Addresses" padded>
      <DescriptionList columns={1}>
        <DescriptionItem term="Address">
          <AddressValue address={person.address} />
        </DescriptionItem>
        <DescriptionItem term="Contact address">
          <AddressValue address={person.contactAddress} missing="Same as the address" />
        </DescriptionItem>
      </DescriptionList>
    </Panel>
  );
}

/** Consents, branch and what Solaris' compliance says about the customer. */
export function CompliancePanel({ person }: { person: Person }) {
  return (
    <Panel
      title="Consent and compliance"
      padded
      actions={
        person.flaggedByCompliance ? (
          <Badge tone="danger" icon={TriangleAlert}>
            Flagged by compliance
          </Badge>
        ) : null
      }
    >
      <DescriptionList columns={3}>
        <DescriptionItem term="Terms and conditions signed">
          <InstantValue at={person.termsConditionsSignedAt} missing="Not signed" />
        </DescriptionItem>
        <DescriptionItem term="Data processing terms signed">
          <InstantValue at={person.dataTermsSignedAt} missing="Not signed" />
        </DescriptionItem>
        <DescriptionItem term="Own economic interest signed">
          <InstantValue at={person.ownEconomicInterestSignedAt} missing="Not signed" />
        </DescriptionItem>
        <DescriptionItem term="Branch">{person.branch ? <span className="font-mono text-xs">{person.branch}</span> : <Missing>No branch</Missing>}</DescriptionItem>
        <DescriptionItem term="Screening progress">
          <EnumValue value={person.screeningProgress} />
        </DescriptionItem>
        <DescriptionItem term="Risk classification">
          <EnumValue value={person.riskClassificationStatus} />
        </DescriptionItem>
        <DescriptionItem term="Customer vetting">
          <EnumValue value={person.customerVettingStatus} />
        </DescriptionItem>
        <DescriptionItem term="Flagged by compliance">
          <YesNo value={person.flaggedByCompliance} />
        </DescriptionItem>
        <DescriptionItem term="Self-declared PEP">
          <YesNo value={person.selfDeclaredAsPep} />
        </DescriptionItem>
        <DescriptionItem term="AML confirmed on">
          <DayValue day={person.amlConfirmedOn} />
        </DescriptionItem>
        <DescriptionItem term="AML follow-up date">
          <DayValue day={person.amlFollowUpDate} />
        </DescriptionItem>
        <DescriptionItem term="Legitimation valid until">
          <DayValue day={person.legitimationValidUntil} />
        </DescriptionItem>
      </DescriptionList>
    </Panel>
  );
}

const revenueFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

export function EmploymentPanel({ person }: { person: Person }) {
  return (
    <Panel title="Employment and tax" padded>
      <DescriptionList columns={3}>
        <DescriptionItem term="Employment status">
          <EnumValue value={person.employmentStatus} />
        </DescriptionItem>
        <DescriptionItem term="Job title">{text(person.jobTitle)}</DescriptionItem>
        <DescriptionItem term="Marital status">
          <EnumValue value={person.maritalStatus} />
        </DescriptionItem>
        <DescriptionItem term="Tax assessment">
          <EnumValue value={person.taxAssessment} />
        </DescriptionItem>
        <DescriptionItem term="FATCA relevant">
          <YesNo value={person.fatcaRelevant} />
        </DescriptionItem>
        <DescriptionItem term="Expected monthly revenue">
          {person.expectedMonthlyRevenueCents === null ? (
            <Missing />
          ) : (
            <span className="tabular">{revenueFormat.format(person.expectedMonthlyRevenueCents / 100)}</span>
          )}
        </DescriptionItem>
      </DescriptionList>
    </Panel>
  );
}

/** Identdesk's own bookkeeping: which version of the Solaris record this is, and how fresh. */
export function SyncFacts({ person }: { person: Person }) {
  return (
    <p className="text-xs text-zinc-500">
      Solaris record version {formatCount(person.version)} · first seen <InstantValue at={person.firstSeenAt} /> · last
      synchronised <InstantValue at={person.lastSyncedAt} />
    </p>
  );
}
