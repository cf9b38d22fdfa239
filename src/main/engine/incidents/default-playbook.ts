import raw from '../../../../resources/playbook/default-playbook.json';
import { parsePlaybook, type Playbook } from '../../../shared/incidents';

/** The shipped playbook (data in resources/playbook, bundled at build time), validated on load. */
export const DEFAULT_PLAYBOOK: Playbook = parsePlaybook(raw);
