/** Every English string of the fax card (by configuration; French is the default). */
import type { CardStrings, HistoryDetails } from './types.ts';

const quoted = (s: string | null): string => (s ? ` — “${s}”` : '');
const pages = (n: number): string => (n === 1 ? '1 page' : `${n} pages`);
const days = (n: number | null): string => (n === null ? '' : n === 1 ? ' (1 day)' : ` (${n} days)`);

export const en: CardStrings = {
  locale: 'en-CA',

  verdict: {
    ok: { symbol: '✅', label: 'Compliant', hint: 'Everything required is present.' },
    review: { symbol: '⚠️', label: 'To review', hint: 'Some items need checking before accepting.' },
    incomplete: {
      symbol: '❌',
      label: 'Incomplete',
      hint: 'Required items are missing: accepting asks for a reason.',
    },
    not_service: {
      symbol: '⛔',
      label: 'Origin not confirmed',
      hint: 'The service number is not in the header: this fax may not have come through the ministry’s service.',
    },
    not_order: {
      symbol: '📄',
      label: 'Not an order',
      hint: 'A document from the service, but not an imaging order.',
    },
    unreadable: {
      symbol: '🚫',
      label: 'Unreadable',
      hint: 'A fax came in, but its content could not be read.',
    },
  },

  status: {
    pending: 'Waiting for a decision',
    auth_requested: 'Authentication requested',
    accepted: 'Accepted',
    rejected: 'Rejected',
  },
  filed: 'Filed',

  header: {
    from: (sender) => `Fax from ${sender}`,
    unknownSender: 'Fax received (sender not named)',
    unreadable: 'Fax received',
    received: (when) => `Received ${when}`,
    pages,
  },

  sections: {
    prescriber: 'Prescriber',
    patient: 'Patient',
    order: 'Requested exam',
    checks: 'Checks',
    reception: 'Reception',
    state: 'State',
  },

  labels: {
    name: 'Name',
    callback: 'Phone (call back)',
    permit: 'Licence',
    sender: 'Sender (header)',
    birthDate: 'Date of birth',
    nam: 'Health insurance no. (NAM)',
    altId: 'Other identifier',
    exam: 'Exam',
    clinicalInfo: 'Clinical information',
    orderDate: 'Order date',
    recipients: 'Recipients',
    receivedAt: 'Received',
    pageCount: 'Pages',
    faxId: 'Fax no.',
    currentState: 'Current state',
  },

  values: {
    missing: '— missing',
    serviceNumberNotCallable: '(the fax service’s number: never call it)',
    namMalformed: (raw) => `${raw} (malformed)`,
    noPages: 'no readable page',
    flags: { uncertain: 'to check', repaired: 'corrected' },
  },

  checks: {
    rewrite: (_id, message) => message,
    informationalOnly: 'Origin not confirmed: the checks below are for information only.',
    none: 'No check possible.',
    passed: (n, r) =>
      (n === 1 ? '1 check passed' : `${n} checks passed`) +
      (r === 0 ? '' : r === 1 ? ' · 1 remark' : ` · ${r} remarks`),
    messages: {
      'service.number': {
        pass: 'Service number (1 418 425-6508) found in the header',
        warn: 'Service number to check',
        fail: 'Service number (1 418 425-6508) not in the header: origin not confirmed',
        info: 'Service number',
      },
      'service.sender': {
        pass: 'Sender named in the header',
        warn: 'Sender not named (or only partly) in the header',
        fail: 'No sender in the header',
        info: 'Sender in the header',
      },
      'service.banner': {
        pass: 'Standard service cover text present',
        warn: 'Standard service cover text missing or incomplete',
        fail: 'Standard service cover text missing',
        info: 'Standard service cover text',
      },
      'prescriber.name': {
        pass: 'Prescriber named',
        warn: 'Prescriber’s name to check',
        fail: 'Prescriber’s name missing or incomplete',
        info: 'Prescriber’s name',
      },
      'prescriber.phone': {
        pass: 'Prescriber’s phone number present',
        warn: 'Prescriber’s phone number to check',
        fail: 'No valid number to reach the prescriber (never use the fax service’s number)',
        info: 'Prescriber’s phone number',
      },
      'prescriber.permit': {
        pass: 'Prescriber’s licence number present',
        warn: 'No prescriber licence number',
        fail: 'No prescriber licence number',
        info: 'Prescriber’s licence number',
      },
      'prescriber.sender_match': {
        pass: 'The prescriber is the sender named in the header',
        warn: 'The prescriber is not the sender named in the header: check who sent the order',
        fail: 'The prescriber is not the sender named in the header',
        info: 'Prescriber and sender compared',
      },
      'patient.name': {
        pass: 'Patient named',
        warn: 'Patient’s name to check',
        fail: 'Patient’s name missing or incomplete',
        info: 'Patient’s name',
      },
      'patient.birthdate': {
        pass: 'Patient’s date of birth present',
        warn: 'Patient’s date of birth to check',
        fail: 'Patient’s date of birth missing or invalid',
        info: 'Patient’s date of birth',
      },
      'patient.nam': {
        pass: 'Health insurance number present and well formed',
        warn: 'Health insurance number missing or doubtful, another identifier given: check',
        fail: 'Health insurance number missing or malformed',
        info: 'Health insurance number',
      },
      'patient.nam_consistency': {
        pass: 'Health insurance number consistent with the name and date of birth',
        warn: 'Health insurance number does not match the name or date of birth: check (it can legitimately differ)',
        fail: 'Health insurance number does not match the name or date of birth',
        info: 'Health insurance number consistency',
      },
      'order.exam': {
        pass: 'Requested exam identified',
        warn: 'Requested exam to check',
        fail: 'No imaging or nuclear-medicine exam identified',
        info: 'Requested exam',
      },
      'order.clinical_info': {
        pass: 'Clinical information present',
        warn: 'No clinical information (reason for the exam)',
        fail: 'No clinical information (reason for the exam)',
        info: 'Clinical information',
      },
      'order.date': {
        pass: 'Order date present',
        warn: 'Order date missing or invalid',
        fail: 'Order date missing or invalid',
        info: 'Order date',
      },
      'order.single_recipient': {
        pass: 'Single recipient',
        warn: 'Recipients to check',
        fail: 'More than one recipient: an imaging order may have only one',
        info: 'Recipients',
      },
      'order.legible': {
        pass: 'Text read with good confidence',
        warn: 'Order hard to read: possibly handwritten or photographed',
        fail: 'Order unreadable',
        info: 'Legibility',
      },
      'order.signature': {
        pass: 'Signature seen (optional)',
        warn: 'Signature to check',
        fail: 'No signature',
        info: 'Signature optional: authentication rests on the prescriber’s contact details',
      },
    },
  },

  reminder: {
    title: 'Ministry reminder',
    text: (service, callback) =>
      (callback
        ? `To authenticate, call the prescriber at ${callback}, the number written in the order.`
        : 'To authenticate, call the prescriber at the number written in the order; this order gives no valid one.') +
      ` Never call or fax back the service’s number (${service}).`,
  },

  unreadable: {
    title: 'Unreadable fax',
    text: 'A fax came in, but its content could not be read.',
    arrival: (a) => `Received: “${a.name}” (${a.size}), on ${a.when}.`,
    kept: (quarantined) =>
      quarantined
        ? 'The file is kept as it came, in quarantine: nothing is lost.'
        : 'The file is kept as it came, in the archive: nothing is lost.',
    todo: 'Ask the service’s support for a new transmission (button below), then file this fax.',
    bytes: (n) =>
      n < 1024
        ? `${n} byte${n === 1 ? '' : 's'}`
        : n < 1024 * 1024
          ? `${Math.round(n / 1024)} KB`
          : `${(n / (1024 * 1024)).toFixed(1)} MB`,
    reasons: {
      empty: 'Empty file (0 bytes).',
      unsupported: 'Unsupported file format: only PDF, TIFF, PNG and JPEG can be read.',
      corrupt: 'Damaged file.',
      encrypted: 'Password-protected PDF: it cannot be read.',
      'too-large': 'File, page or reading too large.',
      'no-text': 'No text found (blank fax?).',
      'internal-error': 'Faxdesk could not process this file.',
      symlink:
        'A symbolic link, not a file: Faxdesk does not follow links. Drop the file itself in the inbox.',
      'symlink-outside-inbox':
        'A symbolic link to a file outside the inbox (or to nothing): refused, never followed.',
      'unreadable-file': 'Faxdesk could not open this file (access rights or disk error).',
      'mail-no-fax':
        'A message came into the mailbox with no fax attached (PDF, TIFF, PNG or JPEG): moved to the review folder.',
      'mail-sender-not-allowed':
        'A message from a sender not allowed to send faxes: nothing read, moved to the review folder.',
      'mail-zipped':
        'A message with a zipped attachment: Faxdesk does not open archives; moved to the review folder.',
      'mail-nested':
        'A message attached to a message: Faxdesk does not read nested messages; moved to the review folder.',
      'mail-too-large': 'A message or attachment over the size limit: not read, moved to the review folder.',
      'mail-unparsable':
        'A message Faxdesk could not decode (invalid MIME structure): moved to the review folder.',
    },
    unknownReason: 'The file could not be read.',
  },

  colon: ': ',
  faxIdLine: (id) => `Fax no.: ${id}`,
  receivedVia: (via, sender) =>
    via === 'mail'
      ? `Received by e-mail${sender ? ` from ${sender}` : ''}`
      : `Received from the fax server (${via})`,
  originalPages: (n) => (n > 0 ? `See the original pages (${pages(n)})` : 'See the original file'),

  state: {
    symbols: { pending: '⏳', auth_requested: '📞', accepted: '✅', rejected: '⛔', filed: '🗂️' },
    verdict: (symbol, label) => `Automatic check: ${symbol ? `${symbol} ` : ''}${label}`,
    reason: (reason) => `Reason: “${reason}”`,
    since: (status, actor, when) => `${status} by ${actor} on ${when}`,
    unreachableAttempts: (n) => (n === 1 ? '1 unanswered attempt' : `${n} unanswered attempts`),
    authenticated: (actor, when) => `Authenticated by ${actor} on ${when}`,
  },

  history: {
    title: 'History',
    none: 'No action yet.',
    olderEvents: (n) => (n === 1 ? '… 1 older event' : `… ${n} older events`),
    accepted: (d: HistoryDetails) => `${d.actor} accepted the order${quoted(d.reason)}`,
    accept_undone: (d) => `${d.actor} undid their acceptance (a misclick)`,
    auth_requested: (d) => `${d.actor} requested authentication from the prescriber`,
    auth_authenticated: (d) => `${d.actor}: order authenticated by the prescriber`,
    auth_unreachable: (d) => `${d.actor}: prescriber not reachable (try again later)`,
    auth_refused: (d) => `${d.actor}: the prescriber does not confirm the order${quoted(d.reason)}`,
    rejected: (d) =>
      d.filed
        ? `${d.actor} filed the fax${quoted(d.reason)}`
        : `${d.actor} rejected the fax${quoted(d.reason)}`,
    problem_reported: (d) =>
      (d.mailed === false
        ? `${d.actor} recorded a report, not sent (${d.mailError ?? 'unknown reason'})`
        : `${d.actor} reported a problem to the service’s support`) +
      `${d.category ? ` (${d.category.toLowerCase()})` : ''}${quoted(d.description)}`,
    purged: (d) => `Content erased at the end of the retention period${days(d.retentionDays)}`,
  },

  retention: {
    symbol: '🗑️',
    label: 'Fax erased (retention period over)',
    hint: 'This fax’s pages, order and checks were erased at the end of the retention period. Only its reception and history remain; no action is possible.',
    erasedOn: (when) => `Content erased on ${when}`,
    erased: 'Content erased',
    lastState: (state) => `Last state: ${state}`,
  },

  problem: {
    title: 'Problem reported to the service',
    text: (n) =>
      n === 1
        ? 'A problem was reported to the fax service’s support.'
        : `${n} problems were reported to the fax service’s support.`,
    unsentTitle: (phone) => `Report recorded, not sent — phone ${phone}`,
    unsentText: (reason) =>
      `The e-mail to support did not go: ${reason}. Phone support, or send the report again once e-mail works.`,
    mailErrors: {
      not_configured: 'no mail server is configured',
      timeout: 'the mail server did not answer in time',
      connection: 'the mail server cannot be reached',
      auth: 'the mail server refused Faxdesk’s credentials',
      rejected: 'the mail server refused the message',
      unknown: 'unexpected error',
    },
    supportPhoneLabel: 'Support: 1 833 564-0404',
    supportEmailLabel: 'soutienrqt@ssss.gouv.qc.ca',
    categories: {
      missing_header: 'Missing header',
      unknown_sender: 'Unknown sender',
      unreadable_pages: 'Unreadable pages',
      missing_pages: 'Missing pages',
      other: 'Other',
    },
  },

  actions: {
    'fax.accept': 'Accept',
    'fax.reject': 'Reject',
    'fax.file': 'File',
    'fax.undo_accept': 'Undo acceptance',
    'fax.auth_request': 'Request authentication',
    'fax.auth_authenticated': 'Authenticated',
    'fax.auth_unreachable': 'Not reachable (try later)',
    'fax.auth_refused': 'Refused',
    'fax.report_problem': 'Report a problem',
  },
  actionVariants: {
    fileNotOrder: 'File (not an order)',
    requestResend: 'Ask for a new transmission',
    resendReport: 'Send the report again',
  },
  refresh: 'Refresh',

  forms: {
    accept_reason: {
      title: 'Accept an incomplete order',
      intro: 'This order misses required items. Say why you accept it anyway.',
      submit: 'Accept',
    },
    report_problem: {
      title: 'Report a problem to the service',
      intro:
        'The report goes to the ministry fax service’s support. It identifies the fax by its number, time received and page count, with no patient information: do not add any in the description.',
      submit: 'Send the report',
    },
    refusal_reason: {
      title: 'The prescriber does not confirm the order',
      intro: 'The order will be rejected. Briefly say what the prescriber answered.',
      submit: 'Reject the order',
    },
    reject_reason: {
      title: 'Reject this fax',
      intro: 'It will be marked rejected and no longer wait for a decision. Say why.',
      submit: 'Reject',
    },
    request_resend: {
      title: 'Ask for a new transmission',
      intro:
        'The request goes to the fax service’s support, who can reach the sender. It identifies the fax by its number, time received and page count, with no patient information.',
      submit: 'Send the request',
    },
    cancel: 'Cancel',
    reasonLabel: 'Reason',
    reasonPlaceholder: 'E.g. health insurance number confirmed with the patient by phone',
    reasonRequired: 'Give a reason.',
    resendDescription: 'The fax we received could not be read. Please ask the sender to send it again.',
    rejectLabel: 'Reason for rejection',
    rejectPlaceholder: 'E.g. a lab result, not an imaging order',
    refusalLabel: 'Reason for refusal',
    refusalPlaceholder: 'E.g. the prescriber did not make this request',
    refusalRequired: 'Give the reason for refusal.',
    categoryLabel: 'Problem',
    categoryPlaceholder: 'Choose…',
    categoryRequired: 'Choose the kind of problem.',
    descriptionLabel: 'Description',
    descriptionPlaceholder: 'What went wrong (no patient information)',
    descriptionRequired: 'Describe the problem.',
  },

  truncated: { fax: '… (continued in the fax)', plain: '…' },
};
