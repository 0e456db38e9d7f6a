import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/entry/commands/phases.ts
function writerPhases(phase, names) {
  const entered = /* @__PURE__ */ new Set();
  const enter = (name) => {
    if (entered.has(name)) return;
    entered.add(name);
    phase?.(name);
  };
  return { plan: () => enter(names.plan), write: () => enter(names.write) };
}
function writePhase(mode, commitVia) {
  const by = commitVia === "api" ? "through the GitHub API" : "with git";
  return mode === "pull-request" ? `Propose the change in a pull request (commit ${by})` : `Commit ${by} and update the branch`;
}

export {
  writerPhases,
  writePhase
};
