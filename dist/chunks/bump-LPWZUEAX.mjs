import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  checkBumpRequest
} from "./chunk-PLKHN6UG.mjs";
import {
  assertPinsDeployed
} from "./chunk-KUUM52MP.mjs";
import {
  configuredGateNames
} from "./chunk-MCDTKWYM.mjs";
import {
  fileDiff
} from "./chunk-6D5ADIK3.mjs";
import {
  assertNotBlocked,
  readBlocklist
} from "./chunk-5BMCYQN7.mjs";
import {
  readConfig
} from "./chunk-736OWXYZ.mjs";
import {
  assertImageForApp,
  findApp,
  findEnvironment
} from "./chunk-QKVPLPRY.mjs";
import {
  manifestPath
} from "./chunk-TWBHTREK.mjs";
import {
  pinImage
} from "./chunk-6XHYADCA.mjs";
import "./chunk-C4OZCMLB.mjs";
import {
  commitMessage,
  elidable,
  fitSubject,
  subjectImage
} from "./chunk-C4EZRMXW.mjs";
import "./chunk-VVEEDHSD.mjs";
import {
  formatImageRef
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  quote
} from "./chunk-4TMDRVSR.mjs";
import "./chunk-VPQIS2RW.mjs";
import "./chunk-WBKKXVG2.mjs";

// actions/src/core/bump.ts
async function planBump(snapshot, req) {
  const asked = checkBumpRequest(req);
  const config = await readConfig(snapshot);
  const target = findEnvironment(config, req.env);
  const app = findApp(config, req.app);
  assertImageForApp(asked, app, "image");
  assertNotBlocked(await readBlocklist(snapshot), app.name, formatImageRef(asked), asked.digest);
  const untagged = app.pin.kind === "helm" && app.pin.tag === void 0 && asked.tag !== void 0;
  const ref = untagged ? { registry: asked.registry, repository: asked.repository, digest: asked.digest } : asked;
  const path = manifestPath(app, req.env);
  const before = await snapshot.readFile(path);
  if (before === void 0) {
    throw new ConfigurationError({ file: path, field: `apps[${config.apps.indexOf(app)}].manifest`, message: `app "${app.name}" pins its image in ${JSON.stringify(path)} for environment "${req.env}", but the env repo has no such file` });
  }
  const edit = pinImage(before, path, app.pin, ref);
  const image = formatImageRef(ref);
  const result = {
    env: req.env,
    app: app.name,
    image,
    digest: ref.digest,
    ...ref.tag !== void 0 ? { tag: ref.tag } : {},
    previousImage: edit.previous.image,
    manifest: path,
    diff: edit.changed ? fileDiff(path, before, edit.text) : ""
  };
  const gated = target.promoteFrom !== void 0 ? configuredGateNames(target.gates) : [];
  const warnings = [
    ...gated.length && edit.changed ? [`${req.env} has gates (${gated.join(", ")}) that a bump does not evaluate: ferry audit reports this pin; promotions into ${req.env} go through ferry promote`] : [],
    ...untagged ? [`the tag ${asked.tag} is not written: ${quote(app.name)} is pinned by its Helm values' digest alone (its helm: has no tag path), so ${path} holds the digest and Ferry records ${image}`] : []
  ];
  if (warnings.length) result.warning = warnings.join("; ");
  if (!edit.changed) return { write: false, result };
  await assertPinsDeployed(snapshot, [{ app, file: path, text: edit.text }]);
  const trailers = [
    ["Ferry-Action", "bump"],
    ["Ferry-Env", req.env],
    ["Ferry-App", app.name],
    ["Ferry-Image", image]
  ];
  if (edit.previous.image) trailers.push(["Ferry-Previous-Image", edit.previous.image]);
  if (req.sourceRevision) trailers.push(["Ferry-Source-Revision", req.sourceRevision]);
  if (req.requestedBy) trailers.push(["Ferry-Requested-By", req.requestedBy]);
  if (req.runUrl) trailers.push(["Ferry-Run", req.runUrl]);
  const message = commitMessage(fitSubject(["bump(", elidable(req.env), "): ", elidable(app.name), " ", ...subjectImage(ref)]), trailers);
  return { write: true, files: [{ path, content: edit.text }], message, result };
}
export {
  planBump
};
