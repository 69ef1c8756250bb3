// data-contract: a pydantic model or a JSON Schema counts only when it describes data records. A module named
// *schema*/*contract* usually holds an API, a tool-call signature or a config; test helpers are no contract.
import { itCases, ML_BASE } from './engine-support.test';

const VALIDATED_MODEL = 'from pydantic import BaseModel, Field\n\nclass Ticket(BaseModel):\n    ticket_id: int = Field(ge=1)\n    body: str = Field(min_length=1)\n';

describe('check data-contract: a schema linked to data', () => {
  itCases('data-contract', [
    {
      name: 'a pydantic schema module that validates the rows of the training CSV',
      base: ML_BASE,
      files: { 'src/schema.py': VALIDATED_MODEL + '\ndef load(path):\n    import pandas as pd\n    return [Ticket(**row) for row in pd.read_csv(path).to_dict("records")]\n' },
      status: 'pass', evidence: 'src/schema.py',
    },
    {
      name: 'pydantic models in a data/ folder',
      base: ML_BASE,
      files: { 'src/data/tickets.py': VALIDATED_MODEL },
      status: 'pass', evidence: 'src/data/tickets.py',
    },
    {
      name: "a tool-call argument schema module (pydantic validators built from a function's signature)",
      files: { 'app/_function_schema.py': '"""Build validators and JSON schemas from functions."""\nfrom pydantic import ConfigDict, TypeAdapter\n\ndef schema_of(fn):\n    return TypeAdapter(fn).json_schema()\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a contract helper under integration_tests/ (a public-API contract)',
      files: { 'integration_tests/_contract_support.py': 'import json\nfrom pydantic import BaseModel\n\ndef check(state, path):\n    contract = json.loads(open(path).read())\n    return State.model_validate(state), contract\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: 'a structured-output schema of one LLM call in validators.py',
      files: { 'app/utils/validators.py': 'from pydantic import BaseModel, Field\n\nclass Subtopic(BaseModel):\n    task: str = Field(min_length=1)\n' },
      status: 'fail', state: 'absent',
    },
    {
      name: "a plugin manifest's JSON Schema",
      files: { 'server/agents/imported-manifest.schema.json': '{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "title": "Agent skill plugin manifest",\n  "type": "object",\n  "properties": { "name": { "type": "string" } },\n  "required": ["name"]\n}\n' },
      status: 'fail', state: 'absent',
    },
  ]);
});
