// The umbrella action (`uses: <owner>/<repo>@v1` with `command:`): runs the action of that name.
// Each command's module runs itself when imported, so only the one asked for is loaded.
import { dispatch } from '../action-runtime.js';

await dispatch({
  bump: () => import('./bump.js'),
  promote: () => import('./promote.js'),
  rollback: () => import('./rollback.js'),
  block: () => import('./block.js'),
  unblock: () => import('./unblock.js'),
  status: () => import('./status.js'),
  history: () => import('./history.js'),
  audit: () => import('./audit.js'),
  validate: () => import('./validate.js'),
  analyze: () => import('./analyze.js'),
});
