// Messages of the code-level rules: what was found, why it matters in production, how to fix it.

export const messages = {
  clientTimeout: (client: string, unit: 'seconds' | 'ms') =>
    `${client === 'init_chat_model' ? 'The chat model from init_chat_model()' : client} is created without a timeout: the SDK default (10 minutes per attempt, retried) lets one slow ` +
    `model call hold a request, a worker and a user for many minutes. Set ` +
    (unit === 'seconds'
      ? `timeout=<seconds> in the constructor (or use client.with_options(timeout=...)).`
      : `{ timeout: <milliseconds> } in the constructor options (or use client.withOptions({ timeout })).`) +
    ` max_retries alone does not bound a call.`,
  timeoutNone: (call: string) =>
    `${call} has timeout=None, which disables the timeout: a stalled model server hangs the caller forever. ` +
    `Set a timeout in seconds.`,
  requestTimeout: (call: string) =>
    `${call} to a model endpoint has no timeout=: requests waits forever by default, so a stalled model ` +
    `server hangs the caller and its worker. Add timeout=<seconds> (or a (connect, read) tuple).`,
  movingAlias: (alias: string, snapshot: string, azureDeployment = false): string => azureDeployment ? messages.azureDeployment(alias) :
    `"${alias}" is a moving model alias: the provider re-points it to newer models, so outputs, cost and ` +
    `evaluation results change in production without a code change. Pin a dated snapshot` +
    (snapshot ? ` such as "${snapshot}"` : '') + ` and upgrade deliberately after re-running evals.`,
  azureDeployment: (name: string) =>
    `"${name}" names an Azure OpenAI deployment: the model version it serves is set on the deployment, not in ` +
    `code, and a deployment left to auto-upgrade moves to newer versions, changing outputs, cost and evaluation ` +
    `results without a code change. Give the deployment a fixed model version with no auto-upgrade (versionUpgradeOption: ` +
    `NoAutoUpgrade) and upgrade deliberately after re-running evals.`,
  hubNoRevision: (call: string, id: string) =>
    `${call} loads "${id}" from the Hugging Face Hub without revision=: whatever the repository's main branch ` +
    `holds at load time is what runs, so a push upstream changes or breaks your model. Pass revision="<commit sha>".`,
  movingRevision: (where: string, revision: string) =>
    `revision "${revision}" (${where}) names a branch, not a commit: it moves with every push upstream, so ` +
    `the model that runs changes without a code change. Pass revision="<commit sha>".`,
  pipelineDefaultModel: (task: string) =>
    `pipeline(${task}) without model= loads the library's default model for the task, which changes between ` +
    `library versions and is not pinned. Pass model="<hub id>" and revision="<commit sha>".`,
  /**
   * `revision`: absent when the call passes none; `{ value: undefined }` when it passes one we cannot read (a
   * parameter); otherwise the revision's text.
   */
  trustRemoteCode: (revision?: { value?: string }): string =>
    `trust_remote_code=True runs Python code from the model repository at load time: a compromised or ` +
    `updated repository executes arbitrary code in production. Prefer a natively supported model; otherwise ` +
    (!revision
      ? `pin revision= to a commit you have reviewed.`
      : revision.value === undefined
        ? `make sure the revision= passed is a full commit SHA you have reviewed, not a branch or tag name.`
        : /^[0-9a-f]{40}$/i.test(revision.value)
          ? `keep revision= on the commit you reviewed ("${revision.value.slice(0, 12)}…") and review the code again before moving it.`
          : `revision="${revision.value}" names a branch or tag, which the repository's owner can move to new code: ` +
            `pin revision= to the full commit SHA you have reviewed.`),
  unsafeLoad: (call: string) =>
    `${call} can execute arbitrary code stored in the file: loading data the project did not produce ` +
    `(a download, an upload, a shared bucket, a user-supplied path) is remote code execution. Load only your ` +
    `own artifacts, or use a safe format (safetensors, ONNX, JSON, skops).`,
  unsafeLoads: (call: string) =>
    `${call} can execute arbitrary code hidden in the bytes it is given: bytes from outside the process (a ` +
    `network message, a request body, a shared cache or queue, a database field) are remote code execution. ` +
    `Unpickle only bytes your own process produced, or use a safe format (JSON, msgpack, safetensors).`,
  torchLoad: (explicitFalse: boolean) =>
    `torch.load ${explicitFalse ? 'with weights_only=False' : 'without weights_only=True'} unpickles arbitrary ` +
    `objects, so a tampered checkpoint runs code on load (PyTorch before 2.6 defaults to unsafe). ` +
    `Pass weights_only=True and save state_dicts rather than whole modules.`,
  torchLoadWrapper: (call: string) =>
    `${call} is Ultralytics' torch.load: it passes weights_only=False unless told otherwise, so a tampered ` +
    `checkpoint runs code on load. Pass weights_only=True where the checkpoint holds only weights.`,
  numpyPickle: () =>
    `np.load(..., allow_pickle=True) unpickles object arrays, so a tampered .npy/.npz file runs code on load. ` +
    `Store plain numeric arrays and drop allow_pickle=True.`,
  personalPath: (p: string) =>
    `"${p}" is an absolute path on one person's machine: the code fails everywhere else (CI, containers, ` +
    `teammates). Read it from configuration or an environment variable, or make it relative to the project.`,
};
