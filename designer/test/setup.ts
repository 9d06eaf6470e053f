import { declareOutcomes } from '../src/model/outcomes';
import fixture from './fixtures/outcome-rules.json';

// The outcome rules the host publishes (GET /api/step-types), for tests that draw or check connections. A type not
// listed offers `done`, as on the host.
declareOutcomes(Object.entries(fixture.rules).map(([type, outcomes]) => ({ type, outcomes })));
