import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  commitUrl,
  failureSummary,
  repoWebUrl
} from "./chunk-BEZTHVO6.mjs";
import {
  gitConfigEnv,
  gitRemote,
  setGitEnvironment
} from "./chunk-SK2V36WJ.mjs";
import {
  toJson
} from "./chunk-6P7B2YDZ.mjs";
import {
  redactUrl,
  rememberCredentials,
  urlCredentials
} from "./chunk-OSG537VB.mjs";
import {
  ConfigurationError,
  formatProblem,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-WBKKXVG2.mjs";

// node_modules/tunnel/lib/tunnel.js
var require_tunnel = __commonJS({
  "node_modules/tunnel/lib/tunnel.js"(exports) {
    "use strict";
    var net = __require("net");
    var tls = __require("tls");
    var http = __require("http");
    var https = __require("https");
    var events = __require("events");
    var assert = __require("assert");
    var util = __require("util");
    exports.httpOverHttp = httpOverHttp2;
    exports.httpsOverHttp = httpsOverHttp2;
    exports.httpOverHttps = httpOverHttps2;
    exports.httpsOverHttps = httpsOverHttps2;
    function httpOverHttp2(options) {
      var agent = new TunnelingAgent(options);
      agent.request = http.request;
      return agent;
    }
    function httpsOverHttp2(options) {
      var agent = new TunnelingAgent(options);
      agent.request = http.request;
      agent.createSocket = createSecureSocket;
      agent.defaultPort = 443;
      return agent;
    }
    function httpOverHttps2(options) {
      var agent = new TunnelingAgent(options);
      agent.request = https.request;
      return agent;
    }
    function httpsOverHttps2(options) {
      var agent = new TunnelingAgent(options);
      agent.request = https.request;
      agent.createSocket = createSecureSocket;
      agent.defaultPort = 443;
      return agent;
    }
    function TunnelingAgent(options) {
      var self = this;
      self.options = options || {};
      self.proxyOptions = self.options.proxy || {};
      self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
      self.requests = [];
      self.sockets = [];
      self.on("free", function onFree(socket, host, port, localAddress) {
        var options2 = toOptions(host, port, localAddress);
        for (var i = 0, len = self.requests.length; i < len; ++i) {
          var pending = self.requests[i];
          if (pending.host === options2.host && pending.port === options2.port) {
            self.requests.splice(i, 1);
            pending.request.onSocket(socket);
            return;
          }
        }
        socket.destroy();
        self.removeSocket(socket);
      });
    }
    util.inherits(TunnelingAgent, events.EventEmitter);
    TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
      var self = this;
      var options = mergeOptions({ request: req }, self.options, toOptions(host, port, localAddress));
      if (self.sockets.length >= this.maxSockets) {
        self.requests.push(options);
        return;
      }
      self.createSocket(options, function(socket) {
        socket.on("free", onFree);
        socket.on("close", onCloseOrRemove);
        socket.on("agentRemove", onCloseOrRemove);
        req.onSocket(socket);
        function onFree() {
          self.emit("free", socket, options);
        }
        function onCloseOrRemove(err) {
          self.removeSocket(socket);
          socket.removeListener("free", onFree);
          socket.removeListener("close", onCloseOrRemove);
          socket.removeListener("agentRemove", onCloseOrRemove);
        }
      });
    };
    TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
      var self = this;
      var placeholder = {};
      self.sockets.push(placeholder);
      var connectOptions = mergeOptions({}, self.proxyOptions, {
        method: "CONNECT",
        path: options.host + ":" + options.port,
        agent: false,
        headers: {
          host: options.host + ":" + options.port
        }
      });
      if (options.localAddress) {
        connectOptions.localAddress = options.localAddress;
      }
      if (connectOptions.proxyAuth) {
        connectOptions.headers = connectOptions.headers || {};
        connectOptions.headers["Proxy-Authorization"] = "Basic " + new Buffer(connectOptions.proxyAuth).toString("base64");
      }
      debug2("making CONNECT request");
      var connectReq = self.request(connectOptions);
      connectReq.useChunkedEncodingByDefault = false;
      connectReq.once("response", onResponse);
      connectReq.once("upgrade", onUpgrade);
      connectReq.once("connect", onConnect);
      connectReq.once("error", onError);
      connectReq.end();
      function onResponse(res) {
        res.upgrade = true;
      }
      function onUpgrade(res, socket, head) {
        process.nextTick(function() {
          onConnect(res, socket, head);
        });
      }
      function onConnect(res, socket, head) {
        connectReq.removeAllListeners();
        socket.removeAllListeners();
        if (res.statusCode !== 200) {
          debug2(
            "tunneling socket could not be established, statusCode=%d",
            res.statusCode
          );
          socket.destroy();
          var error2 = new Error("tunneling socket could not be established, statusCode=" + res.statusCode);
          error2.code = "ECONNRESET";
          options.request.emit("error", error2);
          self.removeSocket(placeholder);
          return;
        }
        if (head.length > 0) {
          debug2("got illegal response body from proxy");
          socket.destroy();
          var error2 = new Error("got illegal response body from proxy");
          error2.code = "ECONNRESET";
          options.request.emit("error", error2);
          self.removeSocket(placeholder);
          return;
        }
        debug2("tunneling connection has established");
        self.sockets[self.sockets.indexOf(placeholder)] = socket;
        return cb(socket);
      }
      function onError(cause) {
        connectReq.removeAllListeners();
        debug2(
          "tunneling socket could not be established, cause=%s\n",
          cause.message,
          cause.stack
        );
        var error2 = new Error("tunneling socket could not be established, cause=" + cause.message);
        error2.code = "ECONNRESET";
        options.request.emit("error", error2);
        self.removeSocket(placeholder);
      }
    };
    TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
      var pos = this.sockets.indexOf(socket);
      if (pos === -1) {
        return;
      }
      this.sockets.splice(pos, 1);
      var pending = this.requests.shift();
      if (pending) {
        this.createSocket(pending, function(socket2) {
          pending.request.onSocket(socket2);
        });
      }
    };
    function createSecureSocket(options, cb) {
      var self = this;
      TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
        var hostHeader = options.request.getHeader("host");
        var tlsOptions = mergeOptions({}, self.options, {
          socket,
          servername: hostHeader ? hostHeader.replace(/:.*$/, "") : options.host
        });
        var secureSocket = tls.connect(0, tlsOptions);
        self.sockets[self.sockets.indexOf(socket)] = secureSocket;
        cb(secureSocket);
      });
    }
    function toOptions(host, port, localAddress) {
      if (typeof host === "string") {
        return {
          host,
          port,
          localAddress
        };
      }
      return host;
    }
    function mergeOptions(target) {
      for (var i = 1, len = arguments.length; i < len; ++i) {
        var overrides = arguments[i];
        if (typeof overrides === "object") {
          var keys = Object.keys(overrides);
          for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
            var k = keys[j];
            if (overrides[k] !== void 0) {
              target[k] = overrides[k];
            }
          }
        }
      }
      return target;
    }
    var debug2;
    if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
      debug2 = function() {
        var args = Array.prototype.slice.call(arguments);
        if (typeof args[0] === "string") {
          args[0] = "TUNNEL: " + args[0];
        } else {
          args.unshift("TUNNEL:");
        }
        console.error.apply(console, args);
      };
    } else {
      debug2 = function() {
      };
    }
    exports.debug = debug2;
  }
});

// node_modules/tunnel/index.js
var require_tunnel2 = __commonJS({
  "node_modules/tunnel/index.js"(exports, module) {
    module.exports = require_tunnel();
  }
});

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/http-client/lib/index.js
var tunnel = __toESM(require_tunnel2(), 1);
var HttpCodes;
(function(HttpCodes2) {
  HttpCodes2[HttpCodes2["OK"] = 200] = "OK";
  HttpCodes2[HttpCodes2["MultipleChoices"] = 300] = "MultipleChoices";
  HttpCodes2[HttpCodes2["MovedPermanently"] = 301] = "MovedPermanently";
  HttpCodes2[HttpCodes2["ResourceMoved"] = 302] = "ResourceMoved";
  HttpCodes2[HttpCodes2["SeeOther"] = 303] = "SeeOther";
  HttpCodes2[HttpCodes2["NotModified"] = 304] = "NotModified";
  HttpCodes2[HttpCodes2["UseProxy"] = 305] = "UseProxy";
  HttpCodes2[HttpCodes2["SwitchProxy"] = 306] = "SwitchProxy";
  HttpCodes2[HttpCodes2["TemporaryRedirect"] = 307] = "TemporaryRedirect";
  HttpCodes2[HttpCodes2["PermanentRedirect"] = 308] = "PermanentRedirect";
  HttpCodes2[HttpCodes2["BadRequest"] = 400] = "BadRequest";
  HttpCodes2[HttpCodes2["Unauthorized"] = 401] = "Unauthorized";
  HttpCodes2[HttpCodes2["PaymentRequired"] = 402] = "PaymentRequired";
  HttpCodes2[HttpCodes2["Forbidden"] = 403] = "Forbidden";
  HttpCodes2[HttpCodes2["NotFound"] = 404] = "NotFound";
  HttpCodes2[HttpCodes2["MethodNotAllowed"] = 405] = "MethodNotAllowed";
  HttpCodes2[HttpCodes2["NotAcceptable"] = 406] = "NotAcceptable";
  HttpCodes2[HttpCodes2["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
  HttpCodes2[HttpCodes2["RequestTimeout"] = 408] = "RequestTimeout";
  HttpCodes2[HttpCodes2["Conflict"] = 409] = "Conflict";
  HttpCodes2[HttpCodes2["Gone"] = 410] = "Gone";
  HttpCodes2[HttpCodes2["TooManyRequests"] = 429] = "TooManyRequests";
  HttpCodes2[HttpCodes2["InternalServerError"] = 500] = "InternalServerError";
  HttpCodes2[HttpCodes2["NotImplemented"] = 501] = "NotImplemented";
  HttpCodes2[HttpCodes2["BadGateway"] = 502] = "BadGateway";
  HttpCodes2[HttpCodes2["ServiceUnavailable"] = 503] = "ServiceUnavailable";
  HttpCodes2[HttpCodes2["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function(Headers2) {
  Headers2["Accept"] = "accept";
  Headers2["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function(MediaTypes2) {
  MediaTypes2["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
var HttpRedirectCodes = [
  HttpCodes.MovedPermanently,
  HttpCodes.ResourceMoved,
  HttpCodes.SeeOther,
  HttpCodes.TemporaryRedirect,
  HttpCodes.PermanentRedirect
];
var HttpResponseRetryCodes = [
  HttpCodes.BadGateway,
  HttpCodes.ServiceUnavailable,
  HttpCodes.GatewayTimeout
];

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}
function group(name, fn) {
  return __awaiter2(this, void 0, void 0, function* () {
    startGroup(name);
    let result;
    try {
      result = yield fn();
    } finally {
      endGroup();
    }
    return result;
  });
}

// actions/src/entry/action-runtime.ts
import { Buffer as Buffer2 } from "node:buffer";
import { randomUUID as randomUUID2 } from "node:crypto";
import { mkdir as mkdir2, mkdtemp, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
var ACTION_COMMANDS = ["bump", "promote", "rollback", "block", "unblock", "status", "history", "audit", "validate", "analyze"];
var MAX_ANNOTATIONS = 50;
var MAX_OUTPUT_BYTES = 64 * 1024;
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
var UNESCAPED_BY_JSON = /[\u007f-\u009f\u2028\u2029]/g;
var COMMAND_LIKE = /::|##\[|[\r\n\u0085\u2028\u2029]/;
function escapeRest(json) {
  return json.replace(UNESCAPED_BY_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function logQuote(value) {
  return escapeRest(JSON.stringify(value) ?? String(value));
}
function quoteOneLine(value) {
  return escapeRest(quote(value));
}
function logUntrusted(lines) {
  if (!lines.length) return;
  const token = randomUUID2();
  info(`::stop-commands::${token}`);
  for (const line of lines) info(line);
  info(`::${token}::`);
}
function asInputProblems(problems, names = {}) {
  const rename2 = (name) => Object.hasOwn(names, name) ? names[name] : name;
  return problems.map((p) => {
    const flag = p.field?.startsWith("--") === true;
    if (p.file !== void 0 && !flag) return p;
    const message = p.message.split(/("(?:[^"\\]|\\.)*")/).map((part, i) => i % 2 ? part : part.replace(/(?<![\w-])--([a-z][a-z0-9-]*)(?: <[a-z-]+>)?/g, (_m, name) => rename2(name))).join("");
    return { ...p, ...p.field !== void 0 ? { field: rename2(flag ? p.field.slice(2) : p.field) } : {}, message };
  });
}
var InputReader = class {
  problems = [];
  /** The input, trimmed; undefined when empty or not given. One line: a control character or line break in it is a problem. */
  optional(name) {
    return this.read(name, false);
  }
  required(name) {
    const value = this.optional(name);
    if (value === void 0) this.problem(name, "is required");
    return value ?? "";
  }
  /** `true` or `false` (YAML 1.2 core schema spellings); false when not given. */
  boolean(name) {
    const value = this.optional(name);
    if (value === void 0 || ["false", "False", "FALSE"].includes(value)) return false;
    if (["true", "True", "TRUE"].includes(value)) return true;
    this.problem(name, `expected true or false, found ${quote(value)}`);
    return false;
  }
  /** A list, one item per line (for values that may hold commas, such as PromQL); each item one line. */
  lines(name) {
    return this.items(name, /\r?\n/);
  }
  /** `name=value` lines, as an object; a line without `=` after a name is a problem. */
  keyValues(name) {
    const out = {};
    for (const line of this.lines(name)) {
      const eq = line.indexOf("=");
      if (eq < 1) this.problem(name, `expected one <name>=<value> per line, found ${quote(line)}`);
      else out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
    return out;
  }
  /** A list, one item per line or separated by commas; each item one line. */
  list(name) {
    return this.items(name, /\r?\n|,/);
  }
  /** A whole number from 1 to 1000 in decimal digits, as the CLI takes it (not `1e3`, `0x10`, `+5` or `010`, which Number() reads). */
  positiveInt(name) {
    const value = this.optional(name);
    if (value === void 0) return void 0;
    const n = Number(value);
    if (/^[1-9][0-9]*$/.test(value) && n >= 1 && n <= 1e3) return n;
    this.problem(name, `expected a whole number from 1 to 1000, found ${quote(value)}`);
    return void 0;
  }
  oneOf(name, values, fallback) {
    const value = this.optional(name) ?? fallback;
    if (values.includes(value)) return value;
    this.problem(name, `expected ${values.join(" or ")}, found ${quote(value)}`);
    return fallback;
  }
  /** A credential: masked in the log the moment it is read; one line, and never quoted in a problem. */
  secret(name) {
    const value = this.read(name, true);
    if (value !== void 0) setSecret(value);
    return value;
  }
  problem(name, message) {
    this.problems.push({ field: name, message });
  }
  read(name, secret) {
    const value = getInput(name);
    if (value === "") return void 0;
    this.oneLine(name, value, secret);
    return value;
  }
  items(name, separator) {
    const items = getInput(name).split(separator).map((s) => s.trim()).filter(Boolean);
    for (const item of items) if (!this.oneLine(name, item, false)) break;
    return items;
  }
  /**
   * Whether `value` is one line without control characters; a problem naming the input if not.
   * An input is echoed in the log and written into commits: a line break in it could start a
   * workflow command or a trailer of its own.
   */
  oneLine(name, value, secret) {
    const bad = CONTROL.exec(value);
    if (!bad) return true;
    const char = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    this.problem(name, `expected one line without control characters or line breaks, found ${char} at character ${bad.index + 1}${secret ? " (a secret: its value is not shown)" : ` of ${quoteOneLine(value)}`}`);
    return false;
  }
};
function requestContext(input) {
  const requestedBy = input.optional("requested-by") ?? process.env.GITHUB_ACTOR;
  const runUrl = runUrlOf(process.env);
  return { ...requestedBy ? { requestedBy } : {}, ...runUrl ? { runUrl } : {} };
}
function deploymentInputs(input) {
  const environmentUrl = input.optional("environment-url");
  if (environmentUrl !== void 0 && !/^https?:\/\/\S+$/.test(environmentUrl)) input.problem("environment-url", `expected an http(s) URL, found ${quote(environmentUrl)}`);
  return { deployments: input.boolean("deployments"), ...environmentUrl !== void 0 ? { environmentUrl } : {} };
}
function deliveryInputs(input) {
  const autoMerge = input.optional("auto-merge");
  if (autoMerge !== void 0 && !["merge", "squash", "rebase"].includes(autoMerge)) input.problem("auto-merge", `expected merge, squash or rebase (or empty: off), found ${quote(autoMerge)}`);
  const deployment = deploymentInputs(input);
  return {
    mode: input.oneOf("mode", ["push", "pull-request"], "push"),
    commitVia: input.oneOf("commit-via", ["git", "api"], "git"),
    pullRequest: { labels: input.list("labels"), ...autoMerge !== void 0 && ["merge", "squash", "rebase"].includes(autoMerge) ? { autoMerge } : {} },
    ...deployment
  };
}
function gitHubRepoOf(repo, env) {
  let url;
  let server;
  try {
    url = new URL(repo);
    server = new URL(env.GITHUB_SERVER_URL || "https://github.com");
  } catch {
    return void 0;
  }
  const path = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.pathname);
  if (url.protocol !== "https:" || url.origin !== server.origin || !path || url.search || url.hash) return void 0;
  return { owner: path[1], repo: path[2] };
}
function runUrlOf(env) {
  return env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
}
function deploymentPlan(inputs, environment, apps) {
  if (!inputs.deployments || inputs.dryRun) return void 0;
  if (inputs.mode === "pull-request") return "deployments: true is ignored with mode: pull-request: the change lands when the pull request is merged, as a commit this run does not make, and a deployment names the commit it deploys; record the deployment in the workflow that runs on the merge, or use mode: push";
  return { environment, apps, ...inputs.environmentUrl ? { environmentUrl: inputs.environmentUrl } : {} };
}
function gitCredentialEnv(repo, token, env) {
  let url;
  let server;
  try {
    url = new URL(repo);
    server = new URL(env.GITHUB_SERVER_URL || "https://github.com");
  } catch {
    return void 0;
  }
  if (url.protocol !== "https:" || url.origin !== server.origin || gitRemote(repo).url !== repo) return void 0;
  const basic = Buffer2.from(`x-access-token:${token}`, "utf8").toString("base64");
  setSecret(basic);
  return gitConfigEnv(`http.${url.origin}/.extraheader`, `AUTHORIZATION: basic ${basic}`, env);
}
function maskUrlCredentials(repo) {
  const secrets = urlCredentials(repo);
  for (const secret of secrets) setSecret(secret);
  rememberCredentials(repo);
  return secrets;
}
function scrub(text, secrets) {
  return secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join("***"), text);
}
function envRepoText(target, secrets) {
  return scrub(`env repo ${redactUrl(target.repo)}, branch ${target.branch}`, secrets);
}
function annotate(command, problems, secrets, envRepo) {
  for (const p of problems.slice(0, MAX_ANNOTATIONS)) {
    const inEnvRepo = p.file !== void 0 && envRepo !== void 0;
    const local = p.file !== void 0 && !inEnvRepo;
    error(scrub(inEnvRepo ? formatProblem(p) : p.field ? `${p.field}: ${p.message}` : p.message, secrets), {
      title: scrub(p.title ?? (p.file ? `${command}: problem in ${p.file}${inEnvRepo ? ` (${envRepoText(envRepo, secrets)})` : ""}` : `${command}: bad input`), secrets),
      ...local ? { file: p.file } : {},
      ...local && p.line !== void 0 ? { startLine: p.line } : {},
      ...local && p.line !== void 0 && p.column !== void 0 ? { startColumn: p.column } : {}
    });
  }
  if (problems.length > MAX_ANNOTATIONS) {
    error(`… and ${problems.length - MAX_ANNOTATIONS} more, listed in the step's log`, { title: command });
    logUntrusted(problems.slice(MAX_ANNOTATIONS).map((p) => scrub(p.file !== void 0 ? formatProblem(p) : p.field ? `${p.field}: ${p.message}` : p.message, secrets)));
  }
}
function failConfiguration(command, problems, secrets = [], envRepo) {
  annotate(command, problems, secrets, envRepo);
  const where = [...new Set(problems.map((p) => p.file ?? "the inputs"))].join(", ");
  const of = envRepo && problems.some((p) => p.file !== void 0) ? `${envRepoText(envRepo, secrets)}; ` : "";
  setFailed(scrub(`${command}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${where} (${of}see the annotations); nothing written`, secrets));
}
function headOf(error2) {
  const commit = error2?.commit;
  return typeof commit === "string" && /^[0-9a-f]{7,64}$/.test(commit) ? commit : void 0;
}
function appsOf(error2) {
  const apps = error2?.apps;
  return Array.isArray(apps) ? apps.filter((a) => typeof a === "string" && a !== "") : [];
}
var EVERY_APP = "*";
async function writeReport(command, name, given, tempDir, result, secrets) {
  let path = given === void 0 ? void 0 : resolve(given);
  try {
    path ??= join(await mkdtemp(join(tempDir, `ferry-${name}-`)), `${name}.json`);
    await mkdir2(dirname(path), { recursive: true });
    await writeFile2(path, `${toJson(result, 2)}
`);
    logUntrusted([`${command}: the whole result, as JSON: ${scrub(path, secrets)}`]);
    return path;
  } catch (error2) {
    warning(scrub(`${command}: could not write the report${path ? ` to ${path}` : ""}: ${error2.message}; the report output is empty`, secrets), { title: `${command}: no report` });
    return "";
  }
}
function fitOutput(command, name, value, report, secrets) {
  const bytes = Buffer2.byteLength(value, "utf8");
  if (bytes <= MAX_OUTPUT_BYTES) return value;
  const where = report ? `the whole result is in ${report}, the file the report output names` : report === "" ? "the report could not be written (see the warning before)" : "the job summary and the log show the result";
  warning(scrub(`${command}: the ${name} output is left out: its JSON is ${bytes.toLocaleString("en")} bytes, more than the ${MAX_OUTPUT_BYTES.toLocaleString("en")} an output of Ferry holds (GitHub takes at most 1 MB of outputs per job; a later step's env or input at most 128 KiB per value); ${where}`, secrets), { title: `${command}: ${name} left out` });
  return "";
}
async function writeSummary(text) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await summary.addRaw(text, true).write();
  } catch (error2) {
    warning(`could not write the job summary: ${error2.message}`);
  }
}
async function withDeployments(action, inputs, context, branch, logUrl, run) {
  const plan = action.deployments?.(inputs);
  if (typeof plan === "string") warning(`ferry ${action.name}: ${plan}`, { title: `ferry ${action.name}: deployments not recorded` });
  if (!plan || typeof plan === "string") return run();
  const target = await context.githubTarget();
  if (!target) {
    context.progress("deployments not recorded: the env repo is not on this run's GitHub server, or no github-token");
    return run();
  }
  const { client, owner, repo } = target;
  const record = async (apps2, ref, state, description) => {
    context.phase(`Deployments to ${plan.environment}: ${state}`);
    for (const app of apps2) {
      try {
        const { id } = await client.createDeployment({ owner, repo, ref, environment: plan.environment, description: `ferry ${action.name}: ${app === EVERY_APP ? "every app" : app}`, payload: { app, command: action.name } });
        await client.setDeploymentStatus({
          owner,
          repo,
          deploymentId: id,
          state,
          description,
          ...plan.environmentUrl ? { environmentUrl: plan.environmentUrl } : {},
          ...logUrl ? { logUrl } : {}
        });
        context.progress(`deployment ${id} of ${app} to ${plan.environment} at ${ref.slice(0, 12)}: ${state}`);
      } catch (error2) {
        warning(`could not record the deployment of ${app} to ${plan.environment} (${state}): ${error2.message}`);
      }
    }
  };
  let result;
  try {
    result = await run();
  } catch (error2) {
    const apps2 = [.../* @__PURE__ */ new Set([...plan.apps, ...appsOf(error2)])];
    await record(apps2.length ? apps2 : [EVERY_APP], headOf(error2) ?? branch, "failure", `ferry ${action.name} failed; see the workflow run`);
    throw error2;
  }
  const end = action.deployed?.(result);
  const apps = [.../* @__PURE__ */ new Set([...plan.apps, ...end?.apps ?? []])];
  await record(apps, end?.commit ?? branch, end?.state ?? "failure", end?.description ?? `ferry ${action.name}: nothing written`);
  return result;
}
async function runAction(action) {
  const command = `ferry ${action.name}`;
  const secrets = [];
  const links = {};
  const run = runUrlOf(process.env);
  if (run) links.run = run;
  let summary2;
  let outputsSet = false;
  let target;
  try {
    const input = new InputReader();
    const onRepo = action.envRepo !== false;
    const repo = !onRepo ? "" : action.envRepo === "optional" ? input.optional("repo") ?? "" : input.required("repo");
    const branch = (onRepo ? input.optional("branch") : void 0) ?? "main";
    secrets.push(...maskUrlCredentials(repo));
    if (repo) target = { repo, branch };
    const token = onRepo ? input.secret("github-token") : void 0;
    if (token) secrets.push(token);
    const inputs = action.getInputs(input, { repo, branch });
    if (input.problems.length) throw new ConfigurationError(input.problems);
    const credentials = token ? gitCredentialEnv(repo, token, process.env) : void 0;
    if (credentials) {
      secrets.push(Buffer2.from(`x-access-token:${token}`, "utf8").toString("base64"));
      setGitEnvironment(credentials);
    } else if (token && /^https:\/\//i.test(repo)) {
      logUntrusted([`github-token is not sent to ${logQuote(redactUrl(repo))}: it is not on the GitHub server of this run (GITHUB_SERVER_URL)`]);
    }
    const web = onRepo ? repoWebUrl(repo, process.env.GITHUB_SERVER_URL || void 0) : void 0;
    if (web) links.repo = web;
    const title = onRepo ? `${command} (${redactUrl(repo)}, branch ${branch})` : command;
    let grouped = false;
    const phase = (name) => {
      if (grouped) endGroup();
      startGroup(scrub(name, secrets));
      grouped = true;
    };
    const endPhase = () => {
      if (grouped) endGroup();
      grouped = false;
    };
    const progress = (line) => {
      if (!grouped) phase(title);
      const text = `${command}: ${scrub(line, secrets)}`;
      if (COMMAND_LIKE.test(text)) logUntrusted(text.split(/\r\n|[\r\n\u0085\u2028\u2029]/));
      else info(text);
    };
    let client;
    let reviewed;
    const github = () => client ??= token ? import("./github-67DK37J2.mjs").then(({ createGitHub }) => createGitHub({ token, log: progress })) : Promise.resolve(void 0);
    const context = {
      progress,
      phase,
      commitUrl: (commit) => commitUrl(links, commit),
      tempDir: process.env.RUNNER_TEMP || tmpdir(),
      github,
      githubTarget: async (neededFor) => {
        const on = gitHubRepoOf(repo, process.env);
        if (neededFor && !on) throw new ConfigurationError({ field: "repo", message: `${neededFor} needs the env repo on this run's GitHub server (https://${new URL(process.env.GITHUB_SERVER_URL || "https://github.com").host}/<owner>/<repo>.git), found ${quote(redactUrl(repo))}` });
        if (neededFor && !token) throw new ConfigurationError({ field: "github-token", message: `${neededFor} talks to the GitHub API and needs a token, found none` });
        const api = on && await github();
        return on && api ? { client: api, owner: on.owner, repo: on.repo, serverUrl: process.env.GITHUB_SERVER_URL || "https://github.com" } : void 0;
      },
      reviewedPullRequest: () => reviewed,
      approvers: async ({ environment, required, requester, run: run2, pullRequestHead, proposal }) => {
        const api = await github();
        const cannotRead = (error2, source) => {
          if (!unreadable(error2)) throw error2;
          const { title: title2, what, cannot, canRead, who, instead, elsewhere } = source;
          const why = `github-token ${cannot} (${error2.message})`;
          const message = required ? `${what} are not read: ${why}. ${environment} has an approvals gate: it counts only ${elsewhere ? `${elsewhere} and ` : ""}approved-by, and fails without enough of them. A github-token that can read ${canRead} would count ${who} and record them as Ferry-Approved-By; or approvals-from: ${instead} (or none) leaves them out without this warning` : `${what} are not recorded: ${why}. ${environment} has no approvals gate, so the promotion goes on without them; a github-token that can read ${canRead} would record ${who} as Ferry-Approved-By, or approvals-from: ${instead} (or none) would leave them out without this warning`;
          warning(scrub(`${command}: ${message}`, secrets), { title: `${command}: ${title2} ${required ? "not read" : "not recorded"}` });
        };
        let runApprovals;
        if (run2) {
          const [owner, name] = (process.env.GITHUB_REPOSITORY ?? "").split("/");
          const runId = Number(process.env.GITHUB_RUN_ID);
          if (!owner || !name || !Number.isInteger(runId) || runId < 1 || !api) {
            progress("approvals-from run: not on a workflow run with a github-token (GITHUB_REPOSITORY, GITHUB_RUN_ID); its approvals are not read");
          } else {
            try {
              runApprovals = await api.runApprovals({ owner, repo: name, runId });
              progress(`approvals of run ${runId} for ${environment}: ${runApprovals.filter((a) => a.state === "approved" && a.environments.some((e) => e.name === environment)).map((a) => a.user.login).join(", ") || "none"}`);
            } catch (error2) {
              const envRepo = gitHubRepoOf(repo, process.env);
              const other = envRepo && `${envRepo.owner}/${envRepo.repo}`.toLowerCase() !== `${owner}/${name}`.toLowerCase() ? `, the workflow's repository; the env repo is ${envRepo.owner}/${envRepo.repo}` : "";
              cannotRead(error2, {
                title: "run approvals",
                what: `this run's environment approvals for ${environment} (run ${runId} in ${owner}/${name}${other})`,
                cannot: "cannot read them",
                canRead: `the workflow runs of ${owner}/${name} (actions: read)`,
                who: "who approved it there",
                instead: "pull-request",
                ...pullRequestHead !== void 0 ? { elsewhere: "the reviews of the promotion's pull request" } : {}
              });
            }
          }
        }
        let reviews;
        if (pullRequestHead !== void 0) {
          const on = gitHubRepoOf(repo, process.env);
          if (!on || !api) {
            progress("approvals-from pull-request: the env repo is not on this run's GitHub server, or no github-token; no pull request reviews are read");
          } else {
            const where = `${on.owner}/${on.repo}`;
            const notRead = (error2) => {
              cannotRead(error2, {
                title: "pull request reviews",
                what: `the reviews of the pull request from ${pullRequestHead} in ${where} (the env repo)`,
                cannot: "cannot read its pull requests",
                canRead: `the pull requests of ${where} (pull-requests: read)`,
                who: "its approving reviewers",
                instead: "run",
                ...run2 ? { elsewhere: "this run's environment approvals" } : {}
              });
              return null;
            };
            const pr = await api.findOpenPullRequest({ owner: on.owner, repo: on.repo, head: pullRequestHead, base: branch }).catch(notRead);
            if (pr === void 0) {
              progress(`approvals-from pull-request: no open pull request from ${pullRequestHead} into ${branch}`);
            } else if (pr) {
              const { proposalMismatch } = await import("./delivery-SYQX3IAN.mjs");
              const mismatch = proposal ? await proposalMismatch({ client: api, owner: on.owner, repo: on.repo }, branch, pr.headSha, proposal) : "no planned change to check it against";
              const all = mismatch === void 0 ? await api.pullRequestReviews({ owner: on.owner, repo: on.repo, pullNumber: pr.number }).catch(notRead) : void 0;
              if (mismatch !== void 0) {
                progress(`approvals-from pull-request: the reviews of pull request #${pr.number} (${pr.url}) do not count, and it is left open: its head ${pr.headSha.slice(0, 12)} is not this promotion's change (${mismatch})`);
              } else if (all) {
                const stale = all.filter((r) => r.state === "APPROVED" && r.commit_id !== pr.headSha);
                reviews = all.filter((r) => !stale.includes(r));
                reviewed = { owner: on.owner, repo: on.repo, number: pr.number, url: pr.url };
                progress(`reviews of pull request #${pr.number} (${pr.url}) on its head ${pr.headSha.slice(0, 12)}: ${reviews.filter((r) => r.user && r.state !== "PENDING").map((r) => `${r.user.login} ${r.state}`).join(", ") || "none"}`);
                if (stale.length) progress(`approvals of an older head of pull request #${pr.number}, not counted: ${stale.map((r) => `${r.user?.login ?? "(deleted user)"} on ${(r.commit_id ?? "unknown").slice(0, 12)}`).join(", ")}`);
              }
            }
          }
        }
        const { approversOf } = await import("./approvals-MZCAPYVW.mjs");
        const found = approversOf({ environment, ...runApprovals ? { runApprovals } : {}, ...reviews ? { reviews } : {}, ...requester !== void 0 ? { requester } : {} });
        if (found.refused.length) throw new Error(`approval refused: ${found.refused.map((r) => r.reason).join("; ")}; nothing written`);
        if (found.apps.length) progress(`approvals of GitHub Apps, not counted (an approval is a person's): ${found.apps.join(", ")}`);
        progress(`approvers of the promotion to ${environment} from GitHub: ${found.approvers.join(", ") || "none"}`);
        return found.approvers;
      }
    };
    startGroup("Inputs");
    logUntrusted(Object.entries(inputs).filter(([, value]) => value !== void 0).map(([key, value]) => `${key}: ${redactUrl(scrub(logQuote(value), secrets))}`));
    endGroup();
    let result;
    try {
      result = await withDeployments(action, inputs, context, branch, run, () => action.run(inputs, context));
    } finally {
      endPhase();
    }
    for (const [title2, text] of Object.entries(action.log?.(result) ?? {})) {
      await group(title2, async () => logUntrusted(scrub(text.trimEnd(), secrets).split(/\r?\n/)));
    }
    const report = action.report ? await group("Report", () => writeReport(command, action.name, action.report(inputs), context.tempDir, result, secrets)) : void 0;
    await group("Outputs", async () => {
      const outputs = Object.entries({ ...action.outputs(result, context), ...report !== void 0 ? { report } : {} }).map(([name, value]) => [name, fitOutput(command, name, value, report, secrets)]);
      for (const [name, value] of outputs) setOutput(name, value);
      outputsSet = true;
      logUntrusted(outputs.map(([name, value]) => `${name}: ${scrub(value.length > 200 ? `${logQuote(value.slice(0, 200))}… (${value.length} characters)` : logQuote(value), secrets)}`));
    });
    summary2 = action.summary(result, links);
    const failure = action.failure?.(result);
    if (failure) {
      annotate(command, failure.annotations, secrets, target);
      setFailed(`${command}: ${failure.headline}`);
    }
  } catch (error2) {
    if (action.statusOutput && !outputsSet) setOutput("status", "failed");
    const head = headOf(error2);
    const where = target && { repo: scrub(redactUrl(target.repo), secrets), branch: scrub(target.branch, secrets), ...head ? { commit: head } : {} };
    if (error2 instanceof ConfigurationError) {
      const problems = asInputProblems(error2.problems, action.inputNames).map((p) => ({ ...p, message: scrub(p.message, secrets) }));
      failConfiguration(command, problems, secrets, target);
      summary2 = failureSummary(command, { message: scrub(new ConfigurationError(problems).message, secrets), problems }, links, where);
    } else {
      const message = scrub(error2.message ?? String(error2), secrets);
      setFailed(`${command}: ${message}`);
      summary2 = failureSummary(command, { message }, links, where);
    }
  }
  await writeSummary(summary2);
}
function unreadable(error2) {
  const status = error2?.status;
  return (status === 403 || status === 404) && !rateLimited(error2);
}
function rateLimited(error2) {
  return /rate limit/i.test(error2?.message ?? "");
}
async function dispatch(loaders) {
  const command = getInput("command");
  if (ACTION_COMMANDS.includes(command)) {
    await loaders[command]();
    return;
  }
  const problems = [{ field: "command", message: command ? `expected one of ${ACTION_COMMANDS.join(", ")}, found ${quoteOneLine(command)}` : `is required (one of ${ACTION_COMMANDS.join(", ")})` }];
  failConfiguration("ferry", problems);
  const run = runUrlOf(process.env);
  await writeSummary(failureSummary("ferry", { message: problems[0].message, problems }, run ? { run } : {}));
}

export {
  setSecret,
  warning,
  notice,
  requestContext,
  deploymentInputs,
  deliveryInputs,
  deploymentPlan,
  runAction,
  dispatch
};
