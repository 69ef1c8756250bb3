// ci: a GitHub Actions workflow (or a .gitlab-ci.yml when GitLab is in use and has no pipeline yet) that
// installs, runs the tests and the evals, and uploads the AI Preflight SARIF to code scanning.
import { ciCommands, githubEvalEnv } from '../ciSteps';
import { firstFree, slug } from '../paths';
import { renderTemplate } from '../templates';
import type { Scaffold } from '../types';

export const ci: Scaffold = async (ctx, facts) => {
  const evalCheck = ctx.project.checks.find(c => c.id === 'eval-pipeline');
  const commands = ciCommands(facts, evalCheck);
  const vars = {
    projectName: facts.name, aiKind: facts.kind, workingDirectory: facts.rel, scanDir: facts.rel,
    installCommand: commands.install, testCommand: commands.test, evalCommand: commands.evaluate,
  };
  const gitlab = ctx.project.ciSystems.includes('gitlab-ci') && !ctx.project.ciSystems.includes('github-actions');
  if (gitlab) {
    const target = firstFree(ctx, ['.gitlab-ci.yml']);
    if (!target) return { files: [], skippedReason: '.gitlab-ci.yml exists: add the test, eval and ai-preflight jobs to it (see `ai-preflight fix --dry-run` output for a GitHub equivalent)' };
    return {
      files: [{
        path: target, checkId: 'ci', description: 'GitLab pipeline: tests, evals, AI Preflight SARIF artifact',
        content: renderTemplate('ci', 'gitlab-ci.yml', { ...vars, image: commands.gitlabImage }, ['gitlab-ci']),
      }],
    };
  }
  const target = firstFree(ctx, facts.rel === '.'
    ? ['.github/workflows/ai-preflight.yml', `.github/workflows/ai-preflight-${slug(facts.name)}.yml`]
    : [`.github/workflows/ai-preflight-${slug(facts.name)}.yml`, `.github/workflows/ai-preflight-${slug(facts.rel)}.yml`]);
  if (!target) return { files: [], skippedReason: 'the AI Preflight workflow names are taken in .github/workflows' };
  return {
    files: [{
      path: target, checkId: 'ci', description: 'GitHub Actions: tests, evals, AI Preflight SARIF upload to code scanning',
      content: renderTemplate('ci', 'ai-preflight.yml', {
        ...vars, workflowName: `AI readiness (${facts.name})`, setupSteps: commands.githubSetup, evalEnv: githubEvalEnv(commands, facts.kind),
      }, ['github-actions']),
    }],
  };
};
