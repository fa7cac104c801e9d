import { z } from 'zod';
import type { IdentificationStatus } from './identification-status.ts';

/**
 * IDnow's failure and cancellation reasons, every row of the seed's table in the seed's order.
 * `description`, `permanent` and `causedByUser` are the seed's words; `tellCustomer` and
 * `newAttempt*` are Identdesk's guidance for support agents.
 *
 * The customer texts never mention fraud, abuse or suspicion: such suspicions must not be
 * disclosed to the customer. For a `failed` identification no reason may be given at all,
 * whatever the code says; use `tellCustomerAbout`, which applies that rule.
 */
export const FAILURE_CODES = [
  'DATA_APPLICATION_ADDRESS',
  'DATA_APPLICATION_DATA',
  'DATA_ID_EXPIRED',
  'TECH_AUDIO',
  'TECH_DISCONNECTED_VIDEO',
  'TECH_DISCONNECTED_WEBSOCKET',
  'TECH_HOLOGRAM',
  'TECH_ID_TYPE',
  'TECH_IDENT_CODE_DELIVERY',
  'TECH_INTERNAL_SERVER_ERROR',
  'TECH_INTERNET_CONNECTION',
  'TECH_LIGHTING',
  'TECH_PHOTO',
  'TECH_TIMEOUT',
  'TECH_VIDEO',
  'NO_VIDEO',
  'BAD_VIDEO',
  'VIDEO_ENVIRONMENT',
  'VIDEO_OTHER',
  'NO_AUDIO',
  'BAD_AUDIO',
  'BAD_AUDIO_ENVIRONMENT',
  'AUDIO_OTHER',
  'BAD_PHOTO_QUALITY',
  'PHOTO_OTHER',
  'CONNECTION_LOST',
  'CONNECTION_BAD',
  'NO_CONNECTION',
  'CONNECTION_OTHER',
  'IDENT_CODE_NOT_RECEIVED',
  'IDENT_CODE_REPEATEDLY_INCORRECT',
  'USER_ABORT_WHILE_WAITING',
  'USER_STARTED_NEW_REQUEST',
  'USER_CANCELLATION',
  'ENROLLED_TO_WAITING_LIST',
  'ID_NOT_SUPPORTED',
  'ID_DAMAGED',
  'ID_OTHER',
  'DISAGREE_WITH_VIDEO_RECORDING',
  'INCORRECT_ID_NUMBER',
  'INCORRECT_NAME_IN_QES',
  'WRONG_PHONE_NUMBER',
  'USER_ID_NUMBER',
  'USER_IDENT_CODE',
  'USER_LANGUAGE',
  'USER_NO_ID',
  'USER_WRONG_PERSON',
  'INDECENT_BEHAVIOUR',
  'OTHER_ABUSE',
  'OTHER_MISCELLANEOUS_PERMANENT',
  'OTHER_MISCELLANEOUS_TEMPORARY',
  'OTHER_TEST',
  'OTHER_ERROR',
  'STALLED_TIMEOUT',
  'NO_SECURITY_QUESTION_ASKED',
  'SECURITY_QUESTION_NOT_CORRECT_ANSWERED',
  'SECURITY_QUESTION',
  'CALL_QUALITY_FAIL',
  'NO_ESIGN_FRAUD',
] as const;

export const failureCodeSchema = z.enum(FAILURE_CODES);
export type FailureCode = z.infer<typeof failureCodeSchema>;

/** The seed groups the table as DATA, Technical, User and Other. */
export const FAILURE_CATEGORIES = ['DATA', 'TECHNICAL', 'USER', 'OTHER'] as const;
export const failureCategorySchema = z.enum(FAILURE_CATEGORIES);
export type FailureCategory = z.infer<typeof failureCategorySchema>;

export const FAILURE_CATEGORY_LABELS: Record<FailureCategory, string> = {
  DATA: 'Data mismatch',
  TECHNICAL: 'Technical problem',
  USER: 'Customer side',
  OTHER: 'Other',
};

/** `not_stated` is the seed's "-": IDnow does not say who caused it. */
export const CAUSED_BY_USER_VALUES = ['yes', 'no', 'not_stated'] as const;
export const causedByUserSchema = z.enum(CAUSED_BY_USER_VALUES);
export type CausedByUser = z.infer<typeof causedByUserSchema>;

export interface FailureCodeDetails<Code extends FailureCode = FailureCode> {
  code: Code;
  category: FailureCategory;
  /** Verbatim from the seed, typos included, so it can be matched against IDnow's documentation. */
  description: string;
  /** The seed's "Permanent?": the same attempt cannot be solved by simply trying again. */
  permanent: boolean;
  causedByUser: CausedByUser;
  /** What the support agent tells the customer: polite, concrete, one or two sentences. */
  tellCustomer: string;
  /** Can another video call (after what `tellCustomer` asks for) end successfully? */
  newAttemptCanSucceed: boolean;
  /** Why, in a few words, for the agent. */
  newAttemptReason: string;
}

const RETRY_TEMPORARY = 'A temporary problem; a new call in better conditions can succeed.';
const RETRY_CONNECTION = 'A connection problem, not a problem with the customer or the document.';

export const FAILURE_CODE_DETAILS: { readonly [Code in FailureCode]: FailureCodeDetails<Code> } = {
  DATA_APPLICATION_ADDRESS: {
    code: 'DATA_APPLICATION_ADDRESS',
    category: 'DATA',
    description: 'Address from application does not match address from ID document and cannot be corrected.',
    permanent: true,
    causedByUser: 'yes',
    tellCustomer:
      'The address in your application does not match the address on your ID document. Please send us your address exactly as it appears on your ID so we can correct it before you identify again.',
    newAttemptCanSucceed: false,
    newAttemptReason:
      'Permanent: a call with the same application data fails again. Correct the address first, then start a new identification.',
  },
  DATA_APPLICATION_DATA: {
    code: 'DATA_APPLICATION_DATA',
    category: 'DATA',
    description: 'Data from application and data from the ID document do not match and cannot be corrected.',
    permanent: true,
    causedByUser: 'yes',
    tellCustomer:
      'Some details in your application, such as your name or date of birth, do not match your ID document. Please check them with us so we can correct them before you identify again.',
    newAttemptCanSucceed: false,
    newAttemptReason:
      'Permanent: a call with the same application data fails again. Correct the data first, then start a new identification.',
  },
  DATA_ID_EXPIRED: {
    code: 'DATA_ID_EXPIRED',
    category: 'DATA',
    description: 'The validity date of the ID document has expired. User must use a different document.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The ID document you showed has expired. Please identify again with a valid passport or national ID card.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Succeeds with a valid, unexpired document.',
  },
  TECH_AUDIO: {
    code: 'TECH_AUDIO',
    category: 'TECHNICAL',
    description: 'Poor audio quality. Audio quality is poor or user/agent inaudible.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The sound quality was too poor to finish the call. Please try again from a quiet place, ideally with headphones.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  TECH_DISCONNECTED_VIDEO: {
    code: 'TECH_DISCONNECTED_VIDEO',
    category: 'TECHNICAL',
    description: 'The video stream has disconnected during the identification.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The video connection dropped during the call. Please try again with a stable internet connection, ideally Wi-Fi.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_CONNECTION,
  },
  TECH_DISCONNECTED_WEBSOCKET: {
    code: 'TECH_DISCONNECTED_WEBSOCKET',
    category: 'TECHNICAL',
    description:
      'The websocket connection is disconnected during the identification. Normally caused by loss of internet connection by the user.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your internet connection was interrupted during the call. Please try again with a stable connection, ideally Wi-Fi.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_CONNECTION,
  },
  TECH_HOLOGRAM: {
    code: 'TECH_HOLOGRAM',
    category: 'TECHNICAL',
    description: 'Security features not visible or broken. No suspicion of fraud.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The security features of your ID document could not be seen clearly. Please try again in good light and tilt the document slowly when the agent asks you to.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'A visibility problem; better light or an undamaged document can succeed.',
  },
  TECH_ID_TYPE: {
    code: 'TECH_ID_TYPE',
    category: 'TECHNICAL',
    description: 'ID document is not allowed or is not supported.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The document you showed cannot be used for video identification. Please try again with a supported passport or national ID card; we can tell you which ones are accepted.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Succeeds with a supported document (see the supported documents of the identification).',
  },
  TECH_IDENT_CODE_DELIVERY: {
    code: 'TECH_IDENT_CODE_DELIVERY',
    category: 'TECHNICAL',
    description: 'User was unable to receive the ident code SMS.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The text message with your code did not reach you. Please check that your mobile number is correct and that you have reception, then try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'A delivery problem; succeeds with a reachable mobile number.',
  },
  TECH_INTERNAL_SERVER_ERROR: {
    code: 'TECH_INTERNAL_SERVER_ERROR',
    category: 'TECHNICAL',
    description: 'An error occurred on server.',
    permanent: false,
    causedByUser: 'no',
    tellCustomer:
      'A technical error on our identification partner’s side interrupted your call, and we apologise. Please simply try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'A server error at IDnow, not caused by the customer.',
  },
  TECH_INTERNET_CONNECTION: {
    code: 'TECH_INTERNET_CONNECTION',
    category: 'TECHNICAL',
    description: 'Internet connection of the user is not fast enough.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your internet connection was too slow for the video call. Please try again with a faster connection, for example Wi-Fi.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_CONNECTION,
  },
  TECH_LIGHTING: {
    code: 'TECH_LIGHTING',
    category: 'TECHNICAL',
    description: 'Poor lighting. Person or ID document not sufficiently visible.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The light was not good enough to see you or your ID document clearly. Please try again in a bright room without strong light behind you.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  TECH_PHOTO: {
    code: 'TECH_PHOTO',
    category: 'TECHNICAL',
    description: 'Poor photo quality. Person or ID document not sufficiently sharp and recognizable.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The pictures of you or your ID document were not sharp enough. Please try again with a clean camera lens and hold the document steady.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  TECH_TIMEOUT: {
    code: 'TECH_TIMEOUT',
    category: 'TECHNICAL',
    description:
      'The identification request was open too long. Identification requests get aborted after 30 minutes.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your identification was open for more than 30 minutes and was closed automatically. Please start again when you have time to finish it in one go.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Only the time ran out; a new call can succeed.',
  },
  TECH_VIDEO: {
    code: 'TECH_VIDEO',
    category: 'TECHNICAL',
    description:
      'Poor video quality or camera not good enough. Person or ID document not sufficiently sharp and recognizable.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The video quality was not good enough to see you or your ID document clearly. Please try again with a better camera or another device.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  NO_VIDEO: {
    code: 'NO_VIDEO',
    category: 'TECHNICAL',
    description: 'Video call could not established. User and Agent do not see each other.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The video connection could not be set up. Please allow camera access in your browser or app and try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  BAD_VIDEO: {
    code: 'BAD_VIDEO',
    category: 'TECHNICAL',
    description: 'Video call established, but is not of enough quality to continue.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The video quality was not good enough to continue. Please try again with a stable connection and good light.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  VIDEO_ENVIRONMENT: {
    code: 'VIDEO_ENVIRONMENT',
    category: 'TECHNICAL',
    description: 'User is not in ideal conditions to perform the video call.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your surroundings were not suitable for the video call. Please try again from a quiet, well-lit and private place.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  VIDEO_OTHER: {
    code: 'VIDEO_OTHER',
    category: 'TECHNICAL',
    description: 'Any other problem with video not covered by other reasons.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'A video problem interrupted your identification. Please try again, if possible on another device or browser.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  NO_AUDIO: {
    code: 'NO_AUDIO',
    category: 'TECHNICAL',
    description: 'No audio established between Agent and User.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'You and the agent could not hear each other. Please allow microphone access in your browser or app and try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  BAD_AUDIO: {
    code: 'BAD_AUDIO',
    category: 'TECHNICAL',
    description: 'Audio is not of enough quality to continue with the call.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The sound quality was not good enough to continue. Please try again from a quiet place, ideally with headphones.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  BAD_AUDIO_ENVIRONMENT: {
    code: 'BAD_AUDIO_ENVIRONMENT',
    category: 'TECHNICAL',
    description: 'Audio disturabce in the call.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer: 'There was too much background noise during the call. Please try again from a quiet place.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  AUDIO_OTHER: {
    code: 'AUDIO_OTHER',
    category: 'TECHNICAL',
    description: 'Any other audio issues not covered by other reasons.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'A sound problem interrupted your identification. Please check your microphone and speakers and try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  BAD_PHOTO_QUALITY: {
    code: 'BAD_PHOTO_QUALITY',
    category: 'TECHNICAL',
    description: 'ID and/or User photo is not of good quality to successfully conclude the identification.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The pictures of you or your ID document were not clear enough. Please try again in good light with a clean camera lens.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  PHOTO_OTHER: {
    code: 'PHOTO_OTHER',
    category: 'TECHNICAL',
    description: 'Other problems related to the photo.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The pictures taken during the call could not be used. Please try again in good light and hold your ID document steady.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_TEMPORARY,
  },
  CONNECTION_LOST: {
    code: 'CONNECTION_LOST',
    category: 'TECHNICAL',
    description: 'Call connection lost.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer: 'The call connection was lost. Please try again with a stable internet connection, ideally Wi-Fi.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_CONNECTION,
  },
  CONNECTION_BAD: {
    code: 'CONNECTION_BAD',
    category: 'TECHNICAL',
    description: 'Connection is not good quality to continue.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your connection was not good enough to continue the call. Please try again with a stronger connection, for example Wi-Fi.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_CONNECTION,
  },
  NO_CONNECTION: {
    code: 'NO_CONNECTION',
    category: 'TECHNICAL',
    description: 'Connection between Agent and User not established due to network issues.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The call could not be connected because of network problems. Please try again later with a stable internet connection.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_CONNECTION,
  },
  CONNECTION_OTHER: {
    code: 'CONNECTION_OTHER',
    category: 'TECHNICAL',
    description: 'Any Other issues with connection not covered by other reasons.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'A connection problem interrupted your identification. Please try again with a stable internet connection.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_CONNECTION,
  },
  IDENT_CODE_NOT_RECEIVED: {
    code: 'IDENT_CODE_NOT_RECEIVED',
    category: 'TECHNICAL',
    description: 'Ident code SMS/email not received by the user.',
    permanent: false,
    causedByUser: 'no',
    tellCustomer:
      'The code we sent you did not arrive. Please confirm your mobile number and email address with us, then try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'A delivery problem not caused by the customer; check the contact data, then retry.',
  },
  IDENT_CODE_REPEATEDLY_INCORRECT: {
    code: 'IDENT_CODE_REPEATEDLY_INCORRECT',
    category: 'TECHNICAL',
    description: 'User entered wrong Ident Id multiple times.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The code was entered incorrectly several times. Please try again and type the code exactly as it appears in the latest message.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'An input mistake; a careful new attempt can succeed.',
  },
  USER_ABORT_WHILE_WAITING: {
    code: 'USER_ABORT_WHILE_WAITING',
    category: 'USER',
    description: 'User has aborted the identification while he was waiting for an available agent.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your identification ended while you were waiting for an agent. You can start again with the same link whenever you are ready.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'The customer left the queue; nothing stands in the way of a new call.',
  },
  USER_STARTED_NEW_REQUEST: {
    code: 'USER_STARTED_NEW_REQUEST',
    category: 'USER',
    description: 'User has started another ident attempt from different channel (web/app).',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'You started the identification on a second device, so the first session was closed. Please complete it on one device only.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Only the parallel session was closed; one session at a time can succeed.',
  },
  USER_CANCELLATION: {
    code: 'USER_CANCELLATION',
    category: 'USER',
    description: 'User has aborted the identification.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'You ended the identification before it was finished. You can start again with the same link whenever you are ready.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'The customer ended the call; a new call can succeed.',
  },
  ENROLLED_TO_WAITING_LIST: {
    code: 'ENROLLED_TO_WAITING_LIST',
    category: 'USER',
    description:
      'User has been put on the waiting-list. Depending on the configuration, this can be voluntary or mandatory, or a mix of both. Users cannot remove themselves from the waiting-list, restarting the Ident will lead to a warning message.',
    permanent: true,
    causedByUser: 'yes',
    tellCustomer:
      'You are on the waiting list of our identification partner because of high demand. Please do not restart the identification now, as that only shows a warning; we will let you know how to continue.',
    newAttemptCanSucceed: false,
    newAttemptReason: 'Permanent while on the waiting list: restarting only leads to a warning message.',
  },
  ID_NOT_SUPPORTED: {
    code: 'ID_NOT_SUPPORTED',
    category: 'USER',
    description: 'User is using an ID document that is not supported for the online identification process.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The ID document you used is not accepted for video identification. Please try again with a supported passport or national ID card; we can tell you which ones are accepted.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Succeeds with a supported document.',
  },
  ID_DAMAGED: {
    code: 'ID_DAMAGED',
    category: 'USER',
    description: 'User is using an ID document that is damaged and not fit for the online identification process.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your ID document looks damaged, so it cannot be used for video identification. Please try again with another valid passport or national ID card in good condition.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Succeeds with an undamaged document.',
  },
  ID_OTHER: {
    code: 'ID_OTHER',
    category: 'USER',
    description: 'Any other ID related issue not covered by other reasons.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'There was a problem with your ID document. Please make sure it is valid and undamaged, or use another passport or ID card, and try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'A document problem; another or a valid document can succeed.',
  },
  DISAGREE_WITH_VIDEO_RECORDING: {
    code: 'DISAGREE_WITH_VIDEO_RECORDING',
    category: 'USER',
    description: 'User disagrees with Video Recording of the call.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The video call has to be recorded for regulatory reasons, so it could not continue without your consent. If you agree to the recording, you can try again at any time.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Succeeds once the customer consents to the recording.',
  },
  INCORRECT_ID_NUMBER: {
    code: 'INCORRECT_ID_NUMBER',
    category: 'USER',
    description: 'ID number is wrongly entered during identification',
    permanent: false,
    causedByUser: 'no',
    tellCustomer:
      'The number of your ID document was not recorded correctly during the call, and we apologise. Please try again with your ID document at hand.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'An entry error during the call, not caused by the customer.',
  },
  INCORRECT_NAME_IN_QES: {
    code: 'INCORRECT_NAME_IN_QES',
    category: 'USER',
    description: 'Only for eSigning. Name mismatch found after QES generation.',
    permanent: false,
    causedByUser: 'no',
    tellCustomer:
      'Your name did not match in the documents prepared for your electronic signature. We are checking your details and will let you know when you can sign again.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'eSigning only: once the name is corrected, a new signing attempt can succeed.',
  },
  WRONG_PHONE_NUMBER: {
    code: 'WRONG_PHONE_NUMBER',
    category: 'USER',
    description: 'Only for eSigning. User entered wrong phone number.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The phone number entered for your electronic signature was not correct. Please confirm your mobile number with us and try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'eSigning only: succeeds with the correct mobile number.',
  },
  USER_ID_NUMBER: {
    code: 'USER_ID_NUMBER',
    category: 'USER',
    description: 'User repeatedly reads the wrong ID document number.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The number of your ID document could not be confirmed. Please try again and read the number slowly and carefully from the document.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'A reading mistake; a careful new attempt can succeed.',
  },
  USER_IDENT_CODE: {
    code: 'USER_IDENT_CODE',
    category: 'USER',
    description: 'Ident code repeatedly entered incorrectly.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The code was entered incorrectly several times. Please try again and type the code exactly as it appears in the latest message.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'An input mistake; a careful new attempt can succeed.',
  },
  USER_LANGUAGE: {
    code: 'USER_LANGUAGE',
    category: 'USER',
    description: 'User speaks unsupported language.',
    permanent: true,
    causedByUser: 'yes',
    tellCustomer:
      'Video identification is only available in German and English. If neither works for you, please ask us about other ways to identify.',
    newAttemptCanSucceed: false,
    newAttemptReason: 'Permanent: the call is offered only in DE and EN; another KYC method is needed.',
  },
  USER_NO_ID: {
    code: 'USER_NO_ID',
    category: 'USER',
    description: 'User has currently no ID card available.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'You need a valid passport or national ID card at hand for the video call. Please try again once you have it with you.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Succeeds once the customer has the document at hand.',
  },
  USER_WRONG_PERSON: {
    code: 'USER_WRONG_PERSON',
    category: 'USER',
    description:
      'The person of application and identification do not match. For example, husband has opened bank account, but wife is in the identification call. No suspicion of fraud.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'The video identification must be done by the person who applied, in person. Please ask the applicant to take the call themselves.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Succeeds when the applicant takes the call.',
  },
  INDECENT_BEHAVIOUR: {
    code: 'INDECENT_BEHAVIOUR',
    category: 'USER',
    description: 'User exhibited behavior towards agent that is indecent.',
    permanent: true,
    causedByUser: 'yes',
    tellCustomer:
      'Your video identification was ended and cannot be repeated. Please contact us if you have questions about the next steps.',
    newAttemptCanSucceed: false,
    newAttemptReason: 'Permanent: the IDnow agent ended the call over the customer’s conduct.',
  },
  OTHER_ABUSE: {
    code: 'OTHER_ABUSE',
    category: 'OTHER',
    description: 'Abuse of the procedure. Inappropriate behavior.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your video identification could not be completed. Please contact us before you start a new attempt.',
    newAttemptCanSucceed: true,
    newAttemptReason:
      'Not permanent per IDnow, but the call was ended for misuse of the procedure: involve compliance before encouraging a retry.',
  },
  OTHER_MISCELLANEOUS_PERMANENT: {
    code: 'OTHER_MISCELLANEOUS_PERMANENT',
    category: 'OTHER',
    description: 'Other error, which is not covered by specific error. Cannot be solved.',
    permanent: true,
    causedByUser: 'not_stated',
    tellCustomer:
      'Unfortunately your video identification could not be completed and cannot be repeated. Please contact us about other ways to identify.',
    newAttemptCanSucceed: false,
    newAttemptReason: 'Permanent: IDnow states it cannot be solved.',
  },
  OTHER_MISCELLANEOUS_TEMPORARY: {
    code: 'OTHER_MISCELLANEOUS_TEMPORARY',
    category: 'OTHER',
    description: 'Other error, which is not covered by specific error. Can be solved by a retry.',
    permanent: false,
    causedByUser: 'not_stated',
    tellCustomer:
      'A temporary problem stopped your video identification. Please simply try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'IDnow states it can be solved by a retry.',
  },
  OTHER_TEST: {
    code: 'OTHER_TEST',
    category: 'OTHER',
    description: 'Identification was a test call.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'This call was recorded as a test call. Please start your identification again with your own ID document.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Only a test call; a real call can succeed.',
  },
  OTHER_ERROR: {
    code: 'OTHER_ERROR',
    category: 'OTHER',
    description: 'Any other error, not further defined.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer: 'An unexpected error interrupted your video identification. Please try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Not permanent per IDnow.',
  },
  STALLED_TIMEOUT: {
    code: 'STALLED_TIMEOUT',
    category: 'OTHER',
    description:
      'When an identification process is running for too long, then the identification request will be cancelled with this reason.',
    permanent: false,
    causedByUser: 'not_stated',
    tellCustomer:
      'Your identification took too long and was closed automatically. Please start again when you can finish it in one go.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Only the time ran out; a new call can succeed.',
  },
  NO_SECURITY_QUESTION_ASKED: {
    code: 'NO_SECURITY_QUESTION_ASKED',
    category: 'OTHER',
    description:
      'If enough security questions are not asked during an ident, reviewer/supervisor may cancel the ident with this reason.',
    permanent: false,
    causedByUser: 'not_stated',
    tellCustomer:
      'A required step was missed during your call, so the identification has to be repeated, and we apologise. Please simply try again.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'The IDnow agent skipped questions; a new call can succeed.',
  },
  SECURITY_QUESTION_NOT_CORRECT_ANSWERED: {
    code: 'SECURITY_QUESTION_NOT_CORRECT_ANSWERED',
    category: 'OTHER',
    description:
      'If reviewer/supervisor is not satisfied with the answers to security question, they may cancel the ident with this reason.',
    permanent: false,
    causedByUser: 'not_stated',
    tellCustomer:
      'Your identification has to be repeated because some answers during the call could not be confirmed. Please try again; the agent will ask you a few questions about your details.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Not permanent: a new call with clear answers can succeed.',
  },
  SECURITY_QUESTION: {
    code: 'SECURITY_QUESTION',
    category: 'OTHER',
    description:
      'If a supervisor is not satisfied with the answers to security question, they may cancel the ident with this reason.',
    permanent: false,
    causedByUser: 'not_stated',
    tellCustomer:
      'Your identification has to be repeated because some answers during the call could not be confirmed. Please try again; the agent will ask you a few questions about your details.',
    newAttemptCanSucceed: true,
    newAttemptReason: 'Not permanent: a new call with clear answers can succeed.',
  },
  CALL_QUALITY_FAIL: {
    code: 'CALL_QUALITY_FAIL',
    category: 'OTHER',
    description:
      'During network pre-check; the network bandwidth is found to be lower than expected to conduct a successful video call.',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your network connection was too slow for a video call. Please try again with a faster connection, for example Wi-Fi.',
    newAttemptCanSucceed: true,
    newAttemptReason: RETRY_CONNECTION,
  },
  NO_ESIGN_FRAUD: {
    code: 'NO_ESIGN_FRAUD',
    category: 'OTHER',
    description:
      'For eSign transactions, agents must cancel a call if they believe it is fraudulent before it comes to the signing step. It will then be submitted for review with the status FRAUD_SUSPICION_PENDING',
    permanent: false,
    causedByUser: 'yes',
    tellCustomer:
      'Your identification is being reviewed. We will contact you when the review is complete, so please do not start a new attempt in the meantime.',
    newAttemptCanSucceed: false,
    newAttemptReason:
      'The case is in IDnow review (FRAUD_SUSPICION_PENDING); wait for the outcome and never mention the suspicion to the customer.',
  },
};

/** The table in the seed's order, for lists and filters. */
export const FAILURE_CODE_TABLE: readonly FailureCodeDetails[] = FAILURE_CODES.map((code) => FAILURE_CODE_DETAILS[code]);

export type FailureCodeDescription =
  | (FailureCodeDetails & { known: true })
  | {
      known: false;
      code: string;
      category: null;
      description: string;
      permanent: null;
      causedByUser: 'not_stated';
      tellCustomer: string;
      newAttemptCanSucceed: null;
      newAttemptReason: string;
    };

const NEUTRAL_CUSTOMER_MESSAGE =
  'We are looking into the result of your video identification and will contact you about the next step.';

function isFailureCode(value: string): value is FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(value);
}

/**
 * Describes a failure code from an IDnow attempt or a Solaris `failure_reason`. IDnow may add
 * codes at any time, so an unknown code yields a neutral description instead of an error.
 * Matching ignores surrounding whitespace and letter case.
 */
export function describeFailureCode(code: string): FailureCodeDescription {
  const normalized = code.trim().toUpperCase();
  if (isFailureCode(normalized)) return { known: true, ...FAILURE_CODE_DETAILS[normalized] };
  const shown = code.trim() === '' ? '(empty)' : code.trim();
  return {
    known: false,
    code: code.trim(),
    category: null,
    description: `Unknown failure code ${shown}: it is not in IDnow's documented table. Check the raw IDnow payload of the attempt.`,
    permanent: null,
    causedByUser: 'not_stated',
    tellCustomer: NEUTRAL_CUSTOMER_MESSAGE,
    newAttemptCanSucceed: null,
    newAttemptReason: 'Unknown code: IDnow does not say whether a retry helps.',
  };
}

/**
 * What the agent may tell the customer about an identification. A `failed` identification
 * never gets a reason (the seed: no reason can be disclosed), whatever failure code is stored.
 */
export const FAILED_IDENTIFICATION_CUSTOMER_MESSAGE =
  'Unfortunately we cannot continue with your video identification. We are not able to give further details.';

export function tellCustomerAbout(status: IdentificationStatus, failureCode: string | null): string {
  if (status === 'failed') return FAILED_IDENTIFICATION_CUSTOMER_MESSAGE;
  if (failureCode === null || failureCode.trim() === '') return NEUTRAL_CUSTOMER_MESSAGE;
  return describeFailureCode(failureCode).tellCustomer;
}
