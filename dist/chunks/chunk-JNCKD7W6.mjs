import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  parseDuration
} from "./chunk-3NPFV6L2.mjs";
import {
  refusedPin,
  refusedSourcePin,
  undeployedPins
} from "./chunk-KUUM52MP.mjs";
import {
  configuredGateNames,
  measuredGateNames
} from "./chunk-MCDTKWYM.mjs";
import {
  fileDiff
} from "./chunk-6D5ADIK3.mjs";
import {
  RefusedError,
  findBlocked,
  readBlocklist
} from "./chunk-5BMCYQN7.mjs";
import {
  readConfig
} from "./chunk-736OWXYZ.mjs";
import {
  fieldOf,
  findApp,
  findEnvironment
} from "./chunk-QKVPLPRY.mjs";
import {
  inFreeze,
  localTime,
  manifestPath
} from "./chunk-TWBHTREK.mjs";
import {
  pinImage,
  pinProblem,
  readPinnedImage,
  readPinnedImageAt
} from "./chunk-6XHYADCA.mjs";
import {
  require_dist
} from "./chunk-C4OZCMLB.mjs";
import {
  distinctPeople,
  isAppLogin,
  isGitHubLogin,
  personKey
} from "./chunk-DP2FYMJI.mjs";
import {
  pinEvents
} from "./chunk-FJ6XG4P3.mjs";
import {
  SUBJECT_MAX,
  assertSingleLine,
  commitMessage,
  elidable,
  fitSubject
} from "./chunk-C4EZRMXW.mjs";
import {
  ANALYSIS_DIR
} from "./chunk-VVEEDHSD.mjs";
import {
  formatValue
} from "./chunk-6P7B2YDZ.mjs";
import {
  maskSecrets,
  rememberSecret,
  secretForms,
  urlCredentials
} from "./chunk-OSG537VB.mjs";
import {
  DIGEST,
  describeImage,
  formatImageRef,
  imageParts,
  parseImageRef,
  shortDigest
} from "./chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  formatProblem,
  quote
} from "./chunk-4TMDRVSR.mjs";
import {
  utc
} from "./chunk-VPQIS2RW.mjs";
import {
  __toESM
} from "./chunk-WBKKXVG2.mjs";

// actions/src/core/analysis-template.ts
var import_yaml = __toESM(require_dist(), 1);

// node_modules/jsep/dist/jsep.js
var Hooks = class {
  /**
   * @callback HookCallback
   * @this {*|Jsep} this
   * @param {Jsep} env
   * @returns: void
   */
  /**
   * Adds the given callback to the list of callbacks for the given hook.
   *
   * The callback will be invoked when the hook it is registered for is run.
   *
   * One callback function can be registered to multiple hooks and the same hook multiple times.
   *
   * @param {string|object} name The name of the hook, or an object of callbacks keyed by name
   * @param {HookCallback|boolean} callback The callback function which is given environment variables.
   * @param {?boolean} [first=false] Will add the hook to the top of the list (defaults to the bottom)
   * @public
   */
  add(name, callback, first) {
    if (typeof arguments[0] != "string") {
      for (let name2 in arguments[0]) {
        this.add(name2, arguments[0][name2], arguments[1]);
      }
    } else {
      (Array.isArray(name) ? name : [name]).forEach(function(name2) {
        this[name2] = this[name2] || [];
        if (callback) {
          this[name2][first ? "unshift" : "push"](callback);
        }
      }, this);
    }
  }
  /**
   * Runs a hook invoking all registered callbacks with the given environment variables.
   *
   * Callbacks will be invoked synchronously and in the order in which they were registered.
   *
   * @param {string} name The name of the hook.
   * @param {Object<string, any>} env The environment variables of the hook passed to all callbacks registered.
   * @public
   */
  run(name, env) {
    this[name] = this[name] || [];
    this[name].forEach(function(callback) {
      callback.call(env && env.context ? env.context : env, env);
    });
  }
};
var Plugins = class {
  constructor(jsep2) {
    this.jsep = jsep2;
    this.registered = {};
  }
  /**
   * @callback PluginSetup
   * @this {Jsep} jsep
   * @returns: void
   */
  /**
   * Adds the given plugin(s) to the registry
   *
   * @param {object} plugins
   * @param {string} plugins.name The name of the plugin
   * @param {PluginSetup} plugins.init The init function
   * @public
   */
  register(...plugins) {
    plugins.forEach((plugin) => {
      if (typeof plugin !== "object" || !plugin.name || !plugin.init) {
        throw new Error("Invalid JSEP plugin format");
      }
      if (this.registered[plugin.name]) {
        return;
      }
      plugin.init(this.jsep);
      this.registered[plugin.name] = plugin;
    });
  }
};
var Jsep = class _Jsep {
  /**
   * @returns {string}
   */
  static get version() {
    return "1.6.0";
  }
  /**
   * @returns {string}
   */
  static toString() {
    return "JavaScript Expression Parser (JSEP) v" + _Jsep.version;
  }
  // ==================== CONFIG ================================
  /**
   * @method addUnaryOp
   * @param {string} op_name The name of the unary op to add
   * @returns {Jsep}
   */
  static addUnaryOp(op_name) {
    _Jsep.max_unop_len = Math.max(op_name.length, _Jsep.max_unop_len);
    _Jsep.unary_ops[op_name] = 1;
    return _Jsep;
  }
  /**
   * @method jsep.addBinaryOp
   * @param {string} op_name The name of the binary op to add
   * @param {number} precedence The precedence of the binary op (can be a float). Higher number = higher precedence
   * @param {boolean} [isRightAssociative=false] whether operator is right-associative
   * @returns {Jsep}
   */
  static addBinaryOp(op_name, precedence, isRightAssociative) {
    _Jsep.max_binop_len = Math.max(op_name.length, _Jsep.max_binop_len);
    _Jsep.binary_ops[op_name] = precedence;
    if (isRightAssociative) {
      _Jsep.right_associative.add(op_name);
    } else {
      _Jsep.right_associative.delete(op_name);
    }
    return _Jsep;
  }
  /**
   * @method addIdentifierChar
   * @param {string} char The additional character to treat as a valid part of an identifier
   * @returns {Jsep}
   */
  static addIdentifierChar(char) {
    _Jsep.additional_identifier_chars.add(char);
    return _Jsep;
  }
  /**
   * @method addLiteral
   * @param {string} literal_name The name of the literal to add
   * @param {*} literal_value The value of the literal
   * @returns {Jsep}
   */
  static addLiteral(literal_name, literal_value) {
    _Jsep.literals[literal_name] = literal_value;
    return _Jsep;
  }
  /**
   * @method removeUnaryOp
   * @param {string} op_name The name of the unary op to remove
   * @returns {Jsep}
   */
  static removeUnaryOp(op_name) {
    delete _Jsep.unary_ops[op_name];
    if (op_name.length === _Jsep.max_unop_len) {
      _Jsep.max_unop_len = _Jsep.getMaxKeyLen(_Jsep.unary_ops);
    }
    return _Jsep;
  }
  /**
   * @method removeAllUnaryOps
   * @returns {Jsep}
   */
  static removeAllUnaryOps() {
    _Jsep.unary_ops = {};
    _Jsep.max_unop_len = 0;
    return _Jsep;
  }
  /**
   * @method removeIdentifierChar
   * @param {string} char The additional character to stop treating as a valid part of an identifier
   * @returns {Jsep}
   */
  static removeIdentifierChar(char) {
    _Jsep.additional_identifier_chars.delete(char);
    return _Jsep;
  }
  /**
   * @method removeBinaryOp
   * @param {string} op_name The name of the binary op to remove
   * @returns {Jsep}
   */
  static removeBinaryOp(op_name) {
    delete _Jsep.binary_ops[op_name];
    if (op_name.length === _Jsep.max_binop_len) {
      _Jsep.max_binop_len = _Jsep.getMaxKeyLen(_Jsep.binary_ops);
    }
    _Jsep.right_associative.delete(op_name);
    return _Jsep;
  }
  /**
   * @method removeAllBinaryOps
   * @returns {Jsep}
   */
  static removeAllBinaryOps() {
    _Jsep.binary_ops = {};
    _Jsep.max_binop_len = 0;
    return _Jsep;
  }
  /**
   * @method removeLiteral
   * @param {string} literal_name The name of the literal to remove
   * @returns {Jsep}
   */
  static removeLiteral(literal_name) {
    delete _Jsep.literals[literal_name];
    return _Jsep;
  }
  /**
   * @method removeAllLiterals
   * @returns {Jsep}
   */
  static removeAllLiterals() {
    _Jsep.literals = {};
    return _Jsep;
  }
  // ==================== END CONFIG ============================
  /**
   * @returns {string}
   */
  get char() {
    return this.expr.charAt(this.index);
  }
  /**
   * @returns {number}
   */
  get code() {
    return this.expr.charCodeAt(this.index);
  }
  /**
   * @param {string} expr a string with the passed in express
   * @returns Jsep
   */
  constructor(expr) {
    this.expr = expr;
    this.index = 0;
  }
  /**
   * static top-level parser
   * @returns {jsep.Expression}
   */
  static parse(expr) {
    return new _Jsep(expr).parse();
  }
  /**
   * Get the longest key length of any object
   * @param {object} obj
   * @returns {number}
   */
  static getMaxKeyLen(obj) {
    return Math.max(0, ...Object.keys(obj).map((k) => k.length));
  }
  /**
   * `ch` is a character code in the next three functions
   * @param {number} ch
   * @returns {boolean}
   */
  static isDecimalDigit(ch) {
    return ch >= 48 && ch <= 57;
  }
  /**
   * Returns the precedence of a binary operator or `0` if it isn't a binary operator. Can be float.
   * @param {string} op_val
   * @returns {number}
   */
  static binaryPrecedence(op_val) {
    return _Jsep.binary_ops[op_val] || 0;
  }
  /**
   * Looks for start of identifier
   * @param {number} ch
   * @returns {boolean}
   */
  static isIdentifierStart(ch) {
    return ch >= 65 && ch <= 90 || // A...Z
    ch >= 97 && ch <= 122 || // a...z
    ch >= 128 && !_Jsep.binary_ops[String.fromCharCode(ch)] || // any non-ASCII that is not an operator
    _Jsep.additional_identifier_chars.has(String.fromCharCode(ch));
  }
  /**
   * @param {number} ch
   * @returns {boolean}
   */
  static isIdentifierPart(ch) {
    return _Jsep.isIdentifierStart(ch) || _Jsep.isDecimalDigit(ch);
  }
  /**
   * throw error at index of the expression
   * @param {string} message
   * @throws
   */
  throwError(message) {
    const error = new Error(message + " at character " + this.index);
    error.index = this.index;
    error.description = message;
    throw error;
  }
  /**
   * Run a given hook
   * @param {string} name
   * @param {jsep.Expression|false} [node]
   * @returns {?jsep.Expression}
   */
  runHook(name, node) {
    if (_Jsep.hooks[name]) {
      const env = { context: this, node };
      _Jsep.hooks.run(name, env);
      return env.node;
    }
    return node;
  }
  /**
   * Runs a given hook until one returns a node
   * @param {string} name
   * @returns {?jsep.Expression}
   */
  searchHook(name) {
    if (_Jsep.hooks[name]) {
      const env = { context: this };
      _Jsep.hooks[name].find(function(callback) {
        callback.call(env.context, env);
        return env.node;
      });
      return env.node;
    }
  }
  /**
   * Push `index` up to the next non-space character
   */
  gobbleSpaces() {
    let ch = this.code;
    while (ch === _Jsep.SPACE_CODE || ch === _Jsep.TAB_CODE || ch === _Jsep.LF_CODE || ch === _Jsep.CR_CODE) {
      ch = this.expr.charCodeAt(++this.index);
    }
    this.runHook("gobble-spaces");
  }
  /**
   * Top-level method to parse all expressions and returns compound or single node
   * @returns {jsep.Expression}
   */
  parse() {
    this.runHook("before-all");
    const nodes = this.gobbleExpressions();
    const node = nodes.length === 1 ? nodes[0] : {
      type: _Jsep.COMPOUND,
      body: nodes
    };
    return this.runHook("after-all", node);
  }
  /**
   * top-level parser (but can be reused within as well)
   * @param {number} [untilICode]
   * @returns {jsep.Expression[]}
   */
  gobbleExpressions(untilICode) {
    let nodes = [], ch_i, node;
    while (this.index < this.expr.length) {
      ch_i = this.code;
      if (ch_i === _Jsep.SEMCOL_CODE || ch_i === _Jsep.COMMA_CODE) {
        this.index++;
      } else {
        if (node = this.gobbleExpression()) {
          nodes.push(node);
        } else if (this.index < this.expr.length) {
          if (ch_i === untilICode) {
            break;
          }
          this.throwError('Unexpected "' + this.char + '"');
        }
      }
    }
    return nodes;
  }
  /**
   * The main parsing function.
   * @returns {?jsep.Expression}
   */
  gobbleExpression() {
    const node = this.searchHook("gobble-expression") || this.gobbleBinaryExpression();
    this.gobbleSpaces();
    return this.runHook("after-expression", node);
  }
  /**
   * Search for the operation portion of the string (e.g. `+`, `===`)
   * Start by taking the longest possible binary operations (3 characters: `===`, `!==`, `>>>`)
   * and move down from 3 to 2 to 1 character until a matching binary operation is found
   * then, return that binary operation
   * @returns {string|boolean}
   */
  gobbleBinaryOp() {
    this.gobbleSpaces();
    let to_check = this.expr.substr(this.index, _Jsep.max_binop_len);
    let tc_len = to_check.length;
    while (tc_len > 0) {
      if (_Jsep.binary_ops.hasOwnProperty(to_check) && (!_Jsep.isIdentifierStart(this.code) || this.index + to_check.length < this.expr.length && !_Jsep.isIdentifierPart(this.expr.charCodeAt(this.index + to_check.length)))) {
        this.index += tc_len;
        return to_check;
      }
      to_check = to_check.substr(0, --tc_len);
    }
    return false;
  }
  /**
   * This function is responsible for gobbling an individual expression,
   * e.g. `1`, `1+2`, `a+(b*2)-Math.sqrt(2)`
   * @returns {?jsep.BinaryExpression}
   */
  gobbleBinaryExpression() {
    let node, biop, prec, stack, biop_info, left, right, i, cur_biop;
    left = this.gobbleToken();
    if (!left) {
      return left;
    }
    biop = this.gobbleBinaryOp();
    if (!biop) {
      return left;
    }
    biop_info = { value: biop, prec: _Jsep.binaryPrecedence(biop), right_a: _Jsep.right_associative.has(biop) };
    right = this.gobbleToken();
    if (!right) {
      this.throwError("Expected expression after " + biop);
    }
    stack = [left, biop_info, right];
    while (biop = this.gobbleBinaryOp()) {
      prec = _Jsep.binaryPrecedence(biop);
      if (prec === 0) {
        this.index -= biop.length;
        break;
      }
      biop_info = { value: biop, prec, right_a: _Jsep.right_associative.has(biop) };
      cur_biop = biop;
      const comparePrev = (prev) => biop_info.right_a && prev.right_a ? prec > prev.prec : prec <= prev.prec;
      while (stack.length > 2 && comparePrev(stack[stack.length - 2])) {
        right = stack.pop();
        biop = stack.pop().value;
        left = stack.pop();
        node = {
          type: _Jsep.BINARY_EXP,
          operator: biop,
          left,
          right
        };
        stack.push(node);
      }
      node = this.gobbleToken();
      if (!node) {
        this.throwError("Expected expression after " + cur_biop);
      }
      stack.push(biop_info, node);
    }
    i = stack.length - 1;
    node = stack[i];
    while (i > 1) {
      node = {
        type: _Jsep.BINARY_EXP,
        operator: stack[i - 1].value,
        left: stack[i - 2],
        right: node
      };
      i -= 2;
    }
    return node;
  }
  /**
   * An individual part of a binary expression:
   * e.g. `foo.bar(baz)`, `1`, `"abc"`, `(a % 2)` (because it's in parenthesis)
   * @returns {boolean|jsep.Expression}
   */
  gobbleToken() {
    let ch, to_check, tc_len, node;
    this.gobbleSpaces();
    node = this.searchHook("gobble-token");
    if (node) {
      return this.runHook("after-token", node);
    }
    ch = this.code;
    if (_Jsep.isDecimalDigit(ch) || ch === _Jsep.PERIOD_CODE) {
      return this.gobbleNumericLiteral();
    }
    if (ch === _Jsep.SQUOTE_CODE || ch === _Jsep.DQUOTE_CODE) {
      node = this.gobbleStringLiteral();
    } else if (ch === _Jsep.OBRACK_CODE) {
      node = this.gobbleArray();
    } else {
      to_check = this.expr.substr(this.index, _Jsep.max_unop_len);
      tc_len = to_check.length;
      while (tc_len > 0) {
        if (_Jsep.unary_ops.hasOwnProperty(to_check) && (!_Jsep.isIdentifierStart(this.code) || this.index + to_check.length < this.expr.length && !_Jsep.isIdentifierPart(this.expr.charCodeAt(this.index + to_check.length)))) {
          this.index += tc_len;
          const argument = this.gobbleToken();
          if (!argument) {
            this.throwError("missing unaryOp argument");
          }
          return this.runHook("after-token", {
            type: _Jsep.UNARY_EXP,
            operator: to_check,
            argument,
            prefix: true
          });
        }
        to_check = to_check.substr(0, --tc_len);
      }
      if (_Jsep.isIdentifierStart(ch)) {
        node = this.gobbleIdentifier();
        if (_Jsep.literals.hasOwnProperty(node.name)) {
          node = {
            type: _Jsep.LITERAL,
            value: _Jsep.literals[node.name],
            raw: node.name
          };
        } else if (node.name === _Jsep.this_str) {
          node = { type: _Jsep.THIS_EXP };
        }
      } else if (ch === _Jsep.OPAREN_CODE) {
        node = this.gobbleGroup();
      }
    }
    if (!node) {
      return this.runHook("after-token", false);
    }
    node = this.gobbleTokenProperty(node);
    return this.runHook("after-token", node);
  }
  /**
   * Gobble properties of of identifiers/strings/arrays/groups.
   * e.g. `foo`, `bar.baz`, `foo['bar'].baz`
   * It also gobbles function calls:
   * e.g. `Math.acos(obj.angle)`
   * @param {jsep.Expression} node
   * @returns {jsep.Expression}
   */
  gobbleTokenProperty(node) {
    this.gobbleSpaces();
    let ch = this.code;
    while (ch === _Jsep.PERIOD_CODE || ch === _Jsep.OBRACK_CODE || ch === _Jsep.OPAREN_CODE || ch === _Jsep.QUMARK_CODE) {
      let optional;
      if (ch === _Jsep.QUMARK_CODE) {
        if (this.expr.charCodeAt(this.index + 1) !== _Jsep.PERIOD_CODE) {
          break;
        }
        optional = true;
        this.index += 2;
        this.gobbleSpaces();
        ch = this.code;
      }
      this.index++;
      if (ch === _Jsep.OBRACK_CODE) {
        node = {
          type: _Jsep.MEMBER_EXP,
          computed: true,
          object: node,
          property: this.gobbleExpression()
        };
        if (!node.property) {
          this.throwError('Unexpected "' + this.char + '"');
        }
        this.gobbleSpaces();
        ch = this.code;
        if (ch !== _Jsep.CBRACK_CODE) {
          this.throwError("Unclosed [");
        }
        this.index++;
      } else if (ch === _Jsep.OPAREN_CODE) {
        node = {
          type: _Jsep.CALL_EXP,
          "arguments": this.gobbleArguments(_Jsep.CPAREN_CODE),
          callee: node
        };
      } else if (ch === _Jsep.PERIOD_CODE || optional) {
        if (optional) {
          this.index--;
        }
        this.gobbleSpaces();
        node = {
          type: _Jsep.MEMBER_EXP,
          computed: false,
          object: node,
          property: this.gobbleIdentifier()
        };
      }
      if (optional) {
        node.optional = true;
      }
      this.gobbleSpaces();
      ch = this.code;
    }
    return node;
  }
  /**
   * Parse simple numeric literals: `12`, `3.4`, `.5`. Do this by using a string to
   * keep track of everything in the numeric literal and then calling `parseFloat` on that string
   * @returns {jsep.Literal}
   */
  gobbleNumericLiteral() {
    let number = "", ch, chCode;
    while (_Jsep.isDecimalDigit(this.code)) {
      number += this.expr.charAt(this.index++);
    }
    if (this.code === _Jsep.PERIOD_CODE) {
      number += this.expr.charAt(this.index++);
      while (_Jsep.isDecimalDigit(this.code)) {
        number += this.expr.charAt(this.index++);
      }
    }
    ch = this.char;
    if (ch === "e" || ch === "E") {
      number += this.expr.charAt(this.index++);
      ch = this.char;
      if (ch === "+" || ch === "-") {
        number += this.expr.charAt(this.index++);
      }
      while (_Jsep.isDecimalDigit(this.code)) {
        number += this.expr.charAt(this.index++);
      }
      if (!_Jsep.isDecimalDigit(this.expr.charCodeAt(this.index - 1))) {
        this.throwError("Expected exponent (" + number + this.char + ")");
      }
    }
    chCode = this.code;
    if (_Jsep.isIdentifierStart(chCode)) {
      this.throwError("Variable names cannot start with a number (" + number + this.char + ")");
    } else if (chCode === _Jsep.PERIOD_CODE || number.length === 1 && number.charCodeAt(0) === _Jsep.PERIOD_CODE) {
      this.throwError("Unexpected period");
    }
    return {
      type: _Jsep.LITERAL,
      value: parseFloat(number),
      raw: number
    };
  }
  /**
   * Parses a string literal, staring with single or double quotes with basic support for escape codes
   * e.g. `"hello world"`, `'this is\nJSEP'`
   * @returns {jsep.Literal}
   */
  gobbleStringLiteral() {
    let str = "";
    const startIndex = this.index;
    const quote2 = this.expr.charAt(this.index++);
    let closed = false;
    while (this.index < this.expr.length) {
      let ch = this.expr.charAt(this.index++);
      if (ch === quote2) {
        closed = true;
        break;
      } else if (ch === "\\") {
        ch = this.expr.charAt(this.index++);
        switch (ch) {
          case "n":
            str += "\n";
            break;
          case "r":
            str += "\r";
            break;
          case "t":
            str += "	";
            break;
          case "b":
            str += "\b";
            break;
          case "f":
            str += "\f";
            break;
          case "v":
            str += "\v";
            break;
          default:
            str += ch;
        }
      } else {
        str += ch;
      }
    }
    if (!closed) {
      this.throwError('Unclosed quote after "' + str + '"');
    }
    return {
      type: _Jsep.LITERAL,
      value: str,
      raw: this.expr.substring(startIndex, this.index)
    };
  }
  /**
   * Gobbles only identifiers
   * e.g.: `foo`, `_value`, `$x1`
   * Also, this function checks if that identifier is a literal:
   * (e.g. `true`, `false`, `null`) or `this`
   * @returns {jsep.Identifier}
   */
  gobbleIdentifier() {
    let ch = this.code, start = this.index;
    if (_Jsep.isIdentifierStart(ch)) {
      this.index++;
    } else {
      this.throwError("Unexpected " + this.char);
    }
    while (this.index < this.expr.length) {
      ch = this.code;
      if (_Jsep.isIdentifierPart(ch)) {
        this.index++;
      } else {
        break;
      }
    }
    return {
      type: _Jsep.IDENTIFIER,
      name: this.expr.slice(start, this.index)
    };
  }
  /**
   * Gobbles a list of arguments within the context of a function call
   * or array literal. This function also assumes that the opening character
   * `(` or `[` has already been gobbled, and gobbles expressions and commas
   * until the terminator character `)` or `]` is encountered.
   * e.g. `foo(bar, baz)`, `my_func()`, or `[bar, baz]`
   * @param {number} termination
   * @returns {jsep.Expression[]}
   */
  gobbleArguments(termination) {
    const args = [];
    let closed = false;
    let separator_count = 0;
    while (this.index < this.expr.length) {
      this.gobbleSpaces();
      let ch_i = this.code;
      if (ch_i === termination) {
        closed = true;
        this.index++;
        if (termination === _Jsep.CPAREN_CODE && separator_count && separator_count >= args.length) {
          this.throwError("Unexpected token " + String.fromCharCode(termination));
        }
        break;
      } else if (ch_i === _Jsep.COMMA_CODE) {
        this.index++;
        separator_count++;
        if (separator_count !== args.length) {
          if (termination === _Jsep.CPAREN_CODE) {
            this.throwError("Unexpected token ,");
          } else if (termination === _Jsep.CBRACK_CODE) {
            for (let arg = args.length; arg < separator_count; arg++) {
              args.push(null);
            }
          }
        }
      } else if (args.length !== separator_count && separator_count !== 0) {
        this.throwError("Expected comma");
      } else {
        const node = this.gobbleExpression();
        if (!node || node.type === _Jsep.COMPOUND) {
          this.throwError("Expected comma");
        }
        args.push(node);
      }
    }
    if (!closed) {
      this.throwError("Expected " + String.fromCharCode(termination));
    }
    return args;
  }
  /**
   * Responsible for parsing a group of things within parentheses `()`
   * that have no identifier in front (so not a function call)
   * This function assumes that it needs to gobble the opening parenthesis
   * and then tries to gobble everything within that parenthesis, assuming
   * that the next thing it should see is the close parenthesis. If not,
   * then the expression probably doesn't have a `)`
   * @returns {boolean|jsep.Expression}
   */
  gobbleGroup() {
    this.index++;
    let nodes = this.gobbleExpressions(_Jsep.CPAREN_CODE);
    if (this.code === _Jsep.CPAREN_CODE) {
      this.index++;
      if (nodes.length === 1) {
        return nodes[0];
      } else if (!nodes.length) {
        return false;
      } else {
        return {
          type: _Jsep.SEQUENCE_EXP,
          expressions: nodes
        };
      }
    } else {
      this.throwError("Unclosed (");
    }
  }
  /**
   * Responsible for parsing Array literals `[1, 2, 3]`
   * This function assumes that it needs to gobble the opening bracket
   * and then tries to gobble the expressions as arguments.
   * @returns {jsep.ArrayExpression}
   */
  gobbleArray() {
    this.index++;
    return {
      type: _Jsep.ARRAY_EXP,
      elements: this.gobbleArguments(_Jsep.CBRACK_CODE)
    };
  }
};
var hooks = new Hooks();
Object.assign(Jsep, {
  hooks,
  plugins: new Plugins(Jsep),
  // Node Types
  // ----------
  // This is the full set of types that any JSEP node can be.
  // Store them here to save space when minified
  COMPOUND: "Compound",
  SEQUENCE_EXP: "SequenceExpression",
  IDENTIFIER: "Identifier",
  MEMBER_EXP: "MemberExpression",
  LITERAL: "Literal",
  THIS_EXP: "ThisExpression",
  CALL_EXP: "CallExpression",
  UNARY_EXP: "UnaryExpression",
  BINARY_EXP: "BinaryExpression",
  ARRAY_EXP: "ArrayExpression",
  TAB_CODE: 9,
  LF_CODE: 10,
  CR_CODE: 13,
  SPACE_CODE: 32,
  PERIOD_CODE: 46,
  // '.'
  COMMA_CODE: 44,
  // ','
  SQUOTE_CODE: 39,
  // single quote
  DQUOTE_CODE: 34,
  // double quotes
  OPAREN_CODE: 40,
  // (
  CPAREN_CODE: 41,
  // )
  OBRACK_CODE: 91,
  // [
  CBRACK_CODE: 93,
  // ]
  QUMARK_CODE: 63,
  // ?
  SEMCOL_CODE: 59,
  // ;
  COLON_CODE: 58,
  // :
  // Operations
  // ----------
  // Use a quickly-accessible map to store all of the unary operators
  // Values are set to `1` (it really doesn't matter)
  unary_ops: {
    "-": 1,
    "!": 1,
    "~": 1,
    "+": 1
  },
  // Also use a map for the binary operations but set their values to their
  // binary precedence for quick reference (higher number = higher precedence)
  // see [Order of operations](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Operators/Operator_Precedence)
  binary_ops: {
    "||": 1,
    "??": 1,
    "&&": 2,
    "|": 3,
    "^": 4,
    "&": 5,
    "==": 6,
    "!=": 6,
    "===": 6,
    "!==": 6,
    "<": 7,
    ">": 7,
    "<=": 7,
    ">=": 7,
    "<<": 8,
    ">>": 8,
    ">>>": 8,
    "+": 9,
    "-": 9,
    "*": 10,
    "/": 10,
    "%": 10,
    "**": 11
  },
  // sets specific binary_ops as right-associative
  right_associative: /* @__PURE__ */ new Set(["**"]),
  // Additional valid identifier chars, apart from a-z, A-Z and 0-9 (except on the starting char)
  additional_identifier_chars: /* @__PURE__ */ new Set(["$", "_"]),
  // Literals
  // ----------
  // Store the values to return for the various literals we may encounter
  literals: {
    "true": true,
    "false": false,
    "null": null
  },
  // Except for `this`, which is special. This could be changed to something like `'self'` as well
  this_str: "this"
});
Jsep.max_unop_len = Jsep.getMaxKeyLen(Jsep.unary_ops);
Jsep.max_binop_len = Jsep.getMaxKeyLen(Jsep.binary_ops);
var jsep = (expr) => new Jsep(expr).parse();
var stdClassProps = Object.getOwnPropertyNames(class Test {
});
Object.getOwnPropertyNames(Jsep).filter((prop) => !stdClassProps.includes(prop) && jsep[prop] === void 0).forEach((m) => {
  jsep[m] = Jsep[m];
});
jsep.Jsep = Jsep;
var CONDITIONAL_EXP = "ConditionalExpression";
var ternary = {
  name: "ternary",
  init(jsep2) {
    jsep2.hooks.add("after-expression", function gobbleTernary(env) {
      if (env.node && this.code === jsep2.QUMARK_CODE) {
        this.index++;
        const test = env.node;
        const consequent = this.gobbleExpression();
        if (!consequent) {
          this.throwError("Expected expression");
        }
        this.gobbleSpaces();
        if (this.code === jsep2.COLON_CODE) {
          this.index++;
          const alternate = this.gobbleExpression();
          if (!alternate) {
            this.throwError("Expected expression");
          }
          env.node = {
            type: CONDITIONAL_EXP,
            test,
            consequent,
            alternate
          };
          if (test.operator && jsep2.binary_ops[test.operator] <= 0.9) {
            let newTest = test;
            while (newTest.right.operator && jsep2.binary_ops[newTest.right.operator] <= 0.9) {
              newTest = newTest.right;
            }
            env.node.test = newTest.right;
            newTest.right = env.node;
            env.node = test;
          }
        } else {
          this.throwError("Expected :");
        }
      }
    });
  }
};
jsep.plugins.register(ternary);

// actions/src/core/analysis-expr.ts
var ExpressionError = class extends Error {
  /** 0-based column in the expression text, when the error has one. */
  position;
  constructor(message, position) {
    super(message);
    this.name = "ExpressionError";
    if (position !== void 0) this.position = position;
  }
};
var one = { min: 1, max: 1 };
var predicateFn = { min: 2, max: 2, predicate: 1 };
var CONDITION_FUNCTIONS = /* @__PURE__ */ new Map([
  ["len", one],
  ["isNaN", one],
  ["isInf", { min: 1, max: 2 }],
  ["default", { min: 2, max: 2 }],
  ["abs", one],
  ["min", { min: 1, max: Number.POSITIVE_INFINITY }],
  ["max", { min: 1, max: Number.POSITIVE_INFINITY }],
  ["sum", one],
  ["mean", one],
  ["float", one],
  ["int", one],
  ["asFloat", one],
  ["asInt", one],
  ["all", predicateFn],
  ["any", predicateFn],
  ["none", predicateFn],
  ["one", predicateFn],
  ["filter", predicateFn],
  ["map", predicateFn],
  ["count", predicateFn]
]);
var TIME_FUNCTIONS = /* @__PURE__ */ new Map([
  ["now", { min: 0, max: 0 }],
  ["duration", one]
]);
var CONDITION = {
  label: "condition",
  names: /* @__PURE__ */ new Set(["result", "#"]),
  functions: CONDITION_FUNCTIONS,
  operators: /* @__PURE__ */ new Set(["+", "-", "*", "/", "%", "**", "==", "!=", "<", "<=", ">", ">=", "&&", "||"]),
  unary: /* @__PURE__ */ new Set(["-", "+", "!"]),
  ternary: true,
  values: true,
  allowed: `result and the functions ${[...CONDITION_FUNCTIONS.keys()].join(", ")}`
};
var TIME = {
  label: "time expression",
  names: /* @__PURE__ */ new Set(),
  functions: TIME_FUNCTIONS,
  operators: /* @__PURE__ */ new Set(["+", "-", "*", "/"]),
  unary: /* @__PURE__ */ new Set(["-", "+"]),
  ternary: false,
  values: false,
  allowed: 'now(), duration("…"), numbers and + - * /'
};
var OPERATOR_ALIASES = { and: "&&", or: "||", "^": "**" };
var EXPR_WORD_OPERATORS = /* @__PURE__ */ new Set(["in", "matches", "contains", "startsWith", "endsWith", "let"]);
var OPERATOR_HINTS = {
  "===": "; use ==",
  "!==": "; use !=",
  "??": "; use default(x, y)"
};
var parsedTrees = /* @__PURE__ */ new WeakMap();
var PAREN = "FerryParen";
var CLOSURE = "FerryClosure";
var active;
var FERRY_BINARY_OPS = [
  ["or", 1, false],
  ["and", 2, false],
  ["==", 7, false],
  ["!=", 7, false],
  ["^", 11, true]
];
function isDigit(ch) {
  return ch >= "0" && ch <= "9";
}
function isIdentStart(ch) {
  return /^[A-Za-z_$#]$/.test(ch) || ch.length === 1 && ch.charCodeAt(0) >= 128;
}
function isIdentPart(ch) {
  return isIdentStart(ch) || isDigit(ch);
}
function isSpace(ch) {
  return ch === " " || ch === "	" || ch === "\n" || ch === "\r";
}
function nextNonSpace(text, from) {
  let i = from;
  while (i < text.length && isSpace(text.charAt(i))) i++;
  return i;
}
function tokenAt(text, at) {
  const ch = text.charAt(at);
  if (ch === "") return "the end";
  if (isIdentPart(ch)) {
    let end = at;
    while (end < text.length && isIdentPart(text.charAt(end))) end++;
    return quote(text.slice(at, end));
  }
  return quote(ch);
}
function unaryOperatorAt(scope) {
  const ch = scope.char;
  if (ch === "-" || ch === "+" || ch === "!") return ch;
  if (scope.expr.startsWith("not", scope.index) && !isIdentPart(scope.expr.charAt(scope.index + 3))) return "not";
  return void 0;
}
function reject(message, at) {
  if (active) active.fail(message, at);
  throw new ExpressionError(`${message} at column ${at}`, at);
}
function gobblePowerTail(scope, base) {
  if (!active) return base;
  const at = nextNonSpace(scope.expr, scope.index);
  const op = scope.expr.startsWith("**", at) ? "**" : scope.expr.charAt(at) === "^" ? "^" : void 0;
  if (!op) return base;
  scope.index = at + op.length;
  const token = scope.gobbleToken();
  if (!token) reject(`expected an expression after ${quote(op)}, found ${tokenAt(scope.expr, nextNonSpace(scope.expr, scope.index))}`, scope.index);
  const exponent = gobblePowerTail(scope, token);
  return { type: "BinaryExpression", operator: op, left: base, right: exponent, at, start: spanOf(base)[0], end: spanOf(exponent)[1] };
}
function gobbleFerryToken(env) {
  if (!active || this.index >= this.expr.length || this.char === ")") return;
  const { grammar } = active;
  const text = this.expr;
  const start = this.index;
  const ch = this.char;
  let node;
  if (isDigit(ch) || ch === "." && isDigit(text.charAt(start + 1))) {
    node = this.gobbleNumericLiteral();
  } else if (ch === '"' || ch === "'") {
    node = this.gobbleStringLiteral();
  } else if (ch === "[") {
    node = this.gobbleArray();
  } else if (ch === "(") {
    const inner = this.gobbleGroup();
    if (!inner) reject('empty parentheses "()"', start);
    node = { type: PAREN, expression: inner };
  } else if (ch === "{") {
    this.index++;
    this.gobbleSpaces();
    if (this.char === "}") reject('empty predicate "{}"', start);
    const body = this.gobbleExpression();
    if (!body) reject(`expected a predicate after "{", found ${tokenAt(text, this.index)}`, this.index);
    this.gobbleSpaces();
    if (this.char !== "}") reject(`expected "}" to close the predicate opened at column ${start}, found ${tokenAt(text, this.index)}`, this.index);
    this.index++;
    env.node = { type: CLOSURE, body, at: start, start, end: this.index };
    return;
  } else if (unaryOperatorAt(this) !== void 0) {
    const op = unaryOperatorAt(this);
    this.index += op.length;
    let argument = this.gobbleToken();
    if (!argument) reject(`expected an expression after ${quote(op)}, found the end`, this.index);
    if (op === "-" || op === "+") argument = gobblePowerTail(this, argument);
    env.node = { type: "UnaryExpression", operator: op === "not" ? "!" : op, argument, prefix: true, at: start, start, end: spanOf(argument)[1] };
    return;
  } else if (isIdentStart(ch)) {
    const name = this.gobbleIdentifier().name;
    if (name === "true" || name === "false" || name === "nil") {
      node = { type: "Literal", value: name === "nil" ? null : name === "true", raw: name };
    } else if (text.charAt(nextNonSpace(text, this.index)) === "(") {
      if (!grammar.functions.has(name)) reject(`unknown function ${quote(name)}; a ${grammar.label} can use only ${grammar.allowed}`, start);
      node = { type: "Identifier", name };
    } else {
      if (EXPR_WORD_OPERATORS.has(name)) reject(`operator ${quote(name)} is not supported in a ${grammar.label}`, start);
      if (grammar.functions.has(name)) reject(`${quote(name)} is a function: call it as ${name}(…)`, start);
      if (!grammar.names.has(name)) reject(`unknown name ${quote(name)}; a ${grammar.label} can use only ${grammar.allowed}`, start);
      node = { type: "Identifier", name };
    }
  } else if (ch === "`") {
    reject('template literals are not supported: found "`"', start);
  } else if (ch === "=") {
    reject(`assignment is not allowed: found ${quote(text.startsWith("==", start) ? "==" : "=")} without a left side; compare with ==`, start);
  } else {
    reject(`unexpected ${quote(ch)}`, start);
  }
  node.at = start;
  node.start = start;
  node.end = this.index;
  for (; ; ) {
    this.gobbleSpaces();
    const at = this.index;
    const c = this.char;
    if (c === "[") {
      this.index++;
      this.gobbleSpaces();
      if (this.char === "]") reject('empty index "[]"', at);
      const property = this.gobbleExpression();
      if (!property) reject(`expected an index after "[", found ${tokenAt(text, this.index)}`, this.index);
      this.gobbleSpaces();
      if (this.char === ":") reject('slices are not supported: found ":"', this.index);
      if (this.char !== "]") reject(`expected "]" to close the index opened at column ${at}, found ${tokenAt(text, this.index)}`, this.index);
      this.index++;
      node = { type: "MemberExpression", computed: true, object: node, property, at, start, end: this.index };
    } else if (c === "(") {
      this.index++;
      const args = this.gobbleArguments(
        41
        /* ) */
      );
      node = { type: "CallExpression", callee: node, arguments: args, at, start, end: this.index };
    } else if (c === "." || c === "?" && text.charAt(at + 1) === ".") {
      const dot = c === "." ? "." : "?.";
      let end = nextNonSpace(text, at + dot.length);
      while (end < text.length && isIdentPart(text.charAt(end))) end++;
      reject(`member access is not allowed: found ${quote(text.slice(at, end))}; only result[<index>] reaches into the result`, at);
    } else {
      break;
    }
  }
  env.node = node;
}
jsep.plugins.register({
  name: "ferry-analysis-expr",
  init() {
    jsep.hooks.add("gobble-token", gobbleFerryToken, true);
  }
});
function withFerryGrammar(grammar, fail, parse) {
  const saved = FERRY_BINARY_OPS.map(([op]) => ({
    op,
    precedence: Object.hasOwn(jsep.binary_ops, op) ? jsep.binary_ops[op] : void 0,
    right: jsep.right_associative.has(op)
  }));
  const hadHash = jsep.additional_identifier_chars.has("#");
  for (const [op, precedence, right] of FERRY_BINARY_OPS) jsep.addBinaryOp(op, precedence, right);
  jsep.addIdentifierChar("#");
  active = { grammar, fail };
  try {
    return parse();
  } finally {
    active = void 0;
    if (!hadHash) jsep.removeIdentifierChar("#");
    for (const { op, precedence, right } of saved) {
      if (precedence === void 0) jsep.removeBinaryOp(op);
      else jsep.addBinaryOp(op, precedence, right);
    }
  }
}
function spanOf(n) {
  if (typeof n.start === "number" && typeof n.end === "number") return [n.start, n.end];
  switch (n.type) {
    case "BinaryExpression": {
      const b = n;
      return [spanOf(b.left)[0], spanOf(b.right)[1]];
    }
    case "ConditionalExpression": {
      const c = n;
      return [spanOf(c.test)[0], spanOf(c.alternate)[1]];
    }
    case "Compound":
    case "SequenceExpression": {
      const list = n.type === "Compound" ? n.body : n.expressions;
      const first = list[0];
      const last = list[list.length - 1];
      return first && last ? [spanOf(first)[0], spanOf(last)[1]] : [0, 0];
    }
    default:
      return [0, 0];
  }
}
var Converter = class {
  constructor(text, grammar, fail) {
    this.text = text;
    this.grammar = grammar;
    this.fail = fail;
  }
  /** Whether the expression names `result` anywhere. */
  readsResult = false;
  /** Fails unless only whitespace lies in [from, to). */
  onlySpace(from, to) {
    const at = nextNonSpace(this.text, from);
    if (at < to) this.fail(`unexpected ${tokenAt(this.text, at)}`, at);
  }
  node(n, inPredicate) {
    const g = this.grammar;
    const at = typeof n.at === "number" ? n.at : spanOf(n)[0];
    switch (n.type) {
      case "Literal": {
        const value = n.value;
        if (typeof value === "number") {
          if (!Number.isFinite(value)) this.fail(`number ${quote(n.raw)} is out of range`, at);
          return { kind: "literal", at, value };
        }
        if (typeof value === "string" || typeof value === "boolean" || value === null) {
          if (!g.values) this.fail(`${quote(n.raw)} cannot be used in a ${g.label}; it can use only ${g.allowed}`, at);
          return { kind: "literal", at, value };
        }
        return this.fail(`unsupported literal ${quote(n.raw)}`, at);
      }
      case "Identifier": {
        const name = n.name;
        if (name === "result") {
          this.readsResult = true;
          return { kind: "result", at };
        }
        if (name === "#") {
          if (!inPredicate) this.fail('"#" is the element inside a predicate, as in all(result, {# < 1}); found it outside one', at);
          return { kind: "element", at };
        }
        return this.fail(`unknown name ${quote(name)}; a ${g.label} can use only ${g.allowed}`, at);
      }
      case PAREN: {
        const inner = n.expression;
        const [start, end] = spanOf(n);
        const [innerStart, innerEnd] = spanOf(inner);
        this.onlySpace(start + 1, innerStart);
        this.onlySpace(innerEnd, end - 1);
        return this.node(inner, inPredicate);
      }
      case "ArrayExpression": {
        if (!g.values) this.fail(`arrays cannot be used in a ${g.label}; it can use only ${g.allowed}`, at);
        const elements = n.elements;
        return {
          kind: "array",
          at,
          elements: elements.map((e) => e ? this.node(e, inPredicate) : this.fail("empty array element", at))
        };
      }
      case "MemberExpression": {
        const m = n;
        const property = m.property;
        if (!g.values) this.fail(`indexing with "[" cannot be used in a ${g.label}; it can use only ${g.allowed}`, at);
        if (property.type === "Literal" && typeof property.value === "string") {
          this.fail(`indexing with a string is not allowed: found ${quote(property.raw)}; only result[<index>] reaches into the result`, spanOf(property)[0]);
        }
        const negated = property.type === "UnaryExpression" && property.operator === "-" ? property.argument : void 0;
        if (negated && negated.type === "Literal") {
          this.fail(`negative index ${quote(this.text.slice(...spanOf(property)))} is not allowed`, spanOf(property)[0]);
        }
        if (property.type === "Literal" && typeof property.value === "number" && !Number.isInteger(property.value)) {
          this.fail(`index ${quote(property.raw)} is not a whole number`, spanOf(property)[0]);
        }
        return { kind: "index", at, target: this.node(m.object, inPredicate), index: this.node(property, inPredicate) };
      }
      case "CallExpression": {
        const c = n;
        if (c.callee.type !== "Identifier") this.fail(`only named functions can be called: found a call of ${quote(this.text.slice(...spanOf(c.callee)))}`, at);
        const name = c.callee.name;
        const spec = g.functions.get(name);
        if (!spec) return this.fail(`unknown function ${quote(name)}; a ${g.label} can use only ${g.allowed}`, spanOf(c.callee)[0]);
        const count = c.arguments.length;
        if (count < spec.min || count > spec.max) {
          const want = spec.min === spec.max ? `${spec.min}` : spec.max === Number.POSITIVE_INFINITY ? `at least ${spec.min}` : `${spec.min} or ${spec.max}`;
          this.fail(`${name}() takes ${want} argument${want === "1" ? "" : "s"}, found ${count}`, spanOf(c.callee)[0]);
        }
        if (name === "duration") {
          const arg = c.arguments[0];
          if (arg.type !== "Literal" || typeof arg.value !== "string") {
            this.fail(`duration() takes a quoted Go duration such as "1h30m", found ${quote(this.text.slice(...spanOf(arg)))}`, spanOf(arg)[0]);
          }
          try {
            parseGoDuration(arg.value);
          } catch (error) {
            if (error instanceof ExpressionError) this.fail(error.message, spanOf(arg)[0]);
            throw error;
          }
          return { kind: "call", at, name, args: [{ kind: "literal", at: spanOf(arg)[0], value: arg.value }] };
        }
        const args = c.arguments.map((arg, i) => {
          if (i === spec.predicate) return this.node(arg.type === CLOSURE ? arg.body : arg, true);
          return this.node(arg, inPredicate);
        });
        return { kind: "call", at: spanOf(c.callee)[0], name, args };
      }
      case CLOSURE:
        return this.fail("a predicate { … } can only be the second argument of all, any, none, one, filter, map or count", at);
      case "UnaryExpression": {
        const u = n;
        if (!g.unary.has(u.operator)) this.fail(`operator ${quote(u.operator)} cannot be used in a ${g.label}; it can use only ${g.allowed}`, at);
        return { kind: "unary", at, op: u.operator, arg: this.node(u.argument, inPredicate) };
      }
      case "BinaryExpression": {
        const b = n;
        const opAt = typeof n.at === "number" ? n.at : nextNonSpace(this.text, spanOf(b.left)[1]);
        const op = OPERATOR_ALIASES[b.operator] ?? b.operator;
        if (!g.operators.has(op)) {
          this.fail(`operator ${quote(b.operator)} is not supported in a ${g.label}${OPERATOR_HINTS[b.operator] ?? ""}`, opAt);
        }
        const left = this.node(b.left, inPredicate);
        const right = this.node(b.right, inPredicate);
        if (op === "&&" || op === "||") return { kind: "logical", at: opAt, op, left, right };
        return { kind: "binary", at: opAt, op, left, right };
      }
      case "ConditionalExpression": {
        const c = n;
        const qAt = nextNonSpace(this.text, spanOf(c.test)[1]);
        if (!g.ternary) this.fail(`"?" (ternary) cannot be used in a ${g.label}; it can use only ${g.allowed}`, qAt);
        return {
          kind: "conditional",
          at: qAt,
          test: this.node(c.test, inPredicate),
          then: this.node(c.consequent, inPredicate),
          otherwise: this.node(c.alternate, inPredicate)
        };
      }
      case "Compound":
      case "SequenceExpression": {
        const list = n.type === "Compound" ? n.body : n.expressions;
        const second = list[1];
        const secondAt = second ? spanOf(second)[0] : at;
        const first = list[0];
        const between = first ? nextNonSpace(this.text, spanOf(first)[1]) : secondAt;
        return this.fail(`expected an operator or the end, found ${tokenAt(this.text, Math.min(between, secondAt))}`, Math.min(between, secondAt));
      }
      default:
        return this.fail(`unsupported syntax ${quote(this.text.slice(...spanOf(n)))}`, at);
    }
  }
};
function parseWith(text, grammar) {
  if (typeof text !== "string") throw new ExpressionError(`a ${grammar.label} must be a string, found ${quote(text)}`);
  const fail = (message, at) => {
    throw new ExpressionError(`${message} at column ${at} in ${grammar.label} ${quote(text)}`, at);
  };
  if (text.trim() === "") fail(`empty ${grammar.label}`, 0);
  let tree;
  try {
    tree = withFerryGrammar(grammar, fail, () => jsep(text));
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    if (error instanceof RangeError) return fail("the expression is nested too deeply", 0);
    const e = error;
    if (typeof e.index === "number" && typeof e.description === "string") return fail(e.description, e.index);
    throw error;
  }
  const converter = new Converter(text, grammar, fail);
  const root = converter.node(tree, false);
  const [start, end] = spanOf(tree);
  converter.onlySpace(0, start);
  converter.onlySpace(end, text.length);
  if (grammar === TIME) timeKind(root, fail);
  const expression = Object.freeze({ text });
  parsedTrees.set(expression, { grammar, root, readsResult: converter.readsResult });
  return expression;
}
function readsResult(expr) {
  treeOf(expr, CONDITION);
  return parsedTrees.get(expr).readsResult;
}
function parseCondition(text) {
  return parseWith(text, CONDITION);
}
function parseTimeExpression(text) {
  return parseWith(text, TIME);
}
function treeOf(expr, grammar) {
  const parsed = parsedTrees.get(expr);
  if (!parsed) throw new ExpressionError(`${quote(expr?.text)} was not returned by ${grammar === CONDITION ? "parseCondition" : "parseTimeExpression"}`);
  if (parsed.grammar !== grammar) throw new ExpressionError(`${quote(expr.text)} is a ${parsed.grammar.label}, not a ${grammar.label}`);
  return parsed.root;
}
var EMPTY = 1;
var NAN = 2;
var INF = 4;
var FILTERED = 8;
var SEEN_EMPTY = 16;
var SEEN_NAN = 32;
var SEEN_INF = 64;
var DERIVED = SEEN_EMPTY | SEEN_NAN | SEEN_INF;
var MISSING = Symbol("missing");
var TRUE = { v: true, t: 0 };
var FALSE = { v: false, t: 0 };
var DERIVED_TRUE = { v: true, t: DERIVED };
var DERIVED_FALSE = { v: false, t: DERIVED };
function numberTaint(n) {
  if (Number.isNaN(n)) return NAN;
  return Number.isFinite(n) ? 0 : INF;
}
function measurementTaint(value) {
  if (value === null) return EMPTY;
  if (typeof value === "number") return numberTaint(value);
  if (!Array.isArray(value)) return 0;
  let t = value.length === 0 ? EMPTY : 0;
  for (const item of value) t |= measurementTaint(item);
  return t;
}
function fromMetric(value) {
  if (value === null) return { v: MISSING, t: EMPTY | DERIVED };
  if (typeof value === "number") return { v: value, t: numberTaint(value) | DERIVED };
  if (typeof value === "string" || typeof value === "boolean") return { v: value, t: DERIVED };
  if (Array.isArray(value)) return new LazyList(value);
  throw new Error(`cannot evaluate a condition on a metric value of type ${typeof value}`);
}
var LazyList = class {
  constructor(raw) {
    this.raw = raw;
    this.t = (raw.length === 0 ? EMPTY : 0) | DERIVED;
  }
  items;
  t;
  get v() {
    if (!this.items) {
      const items = new Array(this.raw.length);
      for (let i = 0; i < this.raw.length; i++) {
        const x = this.raw[i];
        items[i] = typeof x === "number" ? { v: x, t: numberTaint(x) | DERIVED } : fromMetric(x);
      }
      this.items = items;
    }
    return this.items;
  }
};
function isResultPath(n) {
  return n.kind === "result" || n.kind === "index" && isResultPath(n.target);
}
function carried(own, items) {
  let t = own;
  for (const item of items) t |= item.t & ~FILTERED | (item.t & FILTERED ? EMPTY : 0);
  return t;
}
function examined(p, item) {
  return p.t & DERIVED ? p.t : p.t | deepTaint(item);
}
function decidedOver(decider, other) {
  if (!(decider & DERIVED)) return (decider | other) & ~DERIVED;
  const cleared = (decider & SEEN_EMPTY ? EMPTY | FILTERED : 0) | (decider & SEEN_NAN ? NAN : 0) | (decider & SEEN_INF ? INF : 0);
  return decider | other & ~DERIVED & ~cleared;
}
function deepTaint(x) {
  return Array.isArray(x.v) ? x.v.reduce((t, item) => t | deepTaint(item), x.t) : x.t;
}
function describe(x) {
  const v = x.v;
  if (v === MISSING) return "a missing value (empty result, index out of range, or null)";
  if (v === null) return "nil";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return `string ${quote(v)}`;
  return `${typeof v} ${String(v)}`;
}
function isNilish(v) {
  return v === MISSING || v === null;
}
function equal(a, b) {
  if (isNilish(a.v) || isNilish(b.v)) return isNilish(a.v) && isNilish(b.v);
  if (Array.isArray(a.v) || Array.isArray(b.v)) {
    if (!Array.isArray(a.v) || !Array.isArray(b.v) || a.v.length !== b.v.length) return false;
    const bs = b.v;
    return a.v.every((item, i) => equal(item, bs[i]));
  }
  return a.v === b.v;
}
function parseNumber(s, integer) {
  const t = s.trim();
  if (integer) return /^[+-]?\d+$/.test(t) ? Number.parseInt(t, 10) : void 0;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number.parseFloat(t);
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^nan$/i.test(t)) return Number.NaN;
  return void 0;
}
var utf8 = new TextEncoder();
var ConditionEvaluator = class {
  constructor(text, result) {
    this.text = text;
    this.result = result;
  }
  fail(message, at) {
    throw new ExpressionError(`${message} at column ${at} in condition ${quote(this.text)}`, at);
  }
  /** A boolean operand of &&, ||, !, ?: or a predicate; a missing value counts as false (tainted). */
  truth(x, at, what) {
    if (typeof x.v === "boolean") return x.v;
    if (x.v === MISSING) return false;
    return this.fail(`${what} needs true or false, found ${describe(x)}`, at);
  }
  number(x, at, what) {
    if (typeof x.v === "number" || x.v === MISSING) return x.v;
    return this.fail(`${what} needs a number, found ${describe(x)}`, at);
  }
  list(x, at, what) {
    if (Array.isArray(x.v)) return x.v;
    if (x.v === MISSING) return [];
    return this.fail(`${what} needs an array, found ${describe(x)}`, at);
  }
  visit(n, element) {
    switch (n.kind) {
      case "literal":
        return n.tv ??= { v: n.value, t: 0 };
      case "result":
        return this.result;
      case "element":
        if (!element) return this.fail('"#" used outside a predicate', n.at);
        return element;
      case "array": {
        const items = n.elements.map((e) => this.visit(e, element));
        return { v: items, t: carried(0, items) };
      }
      case "index":
        return this.index(n, element);
      case "unary": {
        const x = this.visit(n.arg, element);
        if (x.v === MISSING) return x;
        if (n.op === "!") return { v: !this.truth(x, n.at, '"!"'), t: x.t };
        const v = this.number(x, n.at, `unary ${quote(n.op)}`);
        const r = n.op === "-" ? -v : v;
        return { v: r, t: x.t | numberTaint(r) };
      }
      case "binary":
        return this.binary(n.op, this.visit(n.left, element), this.visit(n.right, element), n.at);
      case "logical": {
        const a = this.visit(n.left, element);
        const av = this.truth(a, n.at, quote(n.op));
        const decides = n.op === "||";
        if (av === decides) return { v: decides, t: a.t };
        const b = this.visit(n.right, element);
        if (this.truth(b, n.at, quote(n.op)) === decides) return { v: decides, t: decidedOver(b.t, a.t) };
        return { v: !decides, t: a.t | b.t };
      }
      case "conditional": {
        const test = this.visit(n.test, element);
        const chosen = this.visit(this.truth(test, n.at, '"?"') ? n.then : n.otherwise, element);
        return { v: chosen.v, t: chosen.t | test.t };
      }
      case "call":
        return this.call(n, element);
    }
  }
  index(n, element) {
    const target = this.visit(n.target, element);
    const index = this.visit(n.index, element);
    const t = target.t | index.t;
    if (target.v === MISSING || index.v === MISSING) return { v: MISSING, t: t | EMPTY };
    if (!Array.isArray(target.v)) return this.fail(`cannot index ${describe(target)}`, n.at);
    if (typeof index.v !== "number") return this.fail(`an index must be a number, found ${describe(index)}`, n.at);
    if (!Number.isInteger(index.v)) return this.fail(`an index must be a whole number, found ${String(index.v)}`, n.at);
    if (index.v < 0) return this.fail(`negative index ${index.v} is not allowed`, n.at);
    const item = target.v[index.v];
    if (!item) return { v: MISSING, t: t | EMPTY };
    return { v: item.v, t: t | item.t };
  }
  binary(op, a, b, at) {
    const t = a.t | b.t;
    if (op === "==" || op === "!=") {
      const nan = typeof a.v === "number" && Number.isNaN(a.v) || typeof b.v === "number" && Number.isNaN(b.v) ? NAN : 0;
      const same = equal(a, b);
      return { v: op === "==" ? same : !same, t: deepTaint(a) | deepTaint(b) | nan };
    }
    if (op === "<" || op === "<=" || op === ">" || op === ">=") {
      if (a.v === MISSING || b.v === MISSING) return { v: false, t: t | EMPTY };
      const comparable = typeof a.v === "number" && typeof b.v === "number" || typeof a.v === "string" && typeof b.v === "string";
      if (!comparable) return this.fail(`cannot compare ${describe(a)} ${op} ${describe(b)}`, at);
      const x2 = a.v;
      const y2 = b.v;
      const v = op === "<" ? x2 < y2 : op === "<=" ? x2 <= y2 : op === ">" ? x2 > y2 : x2 >= y2;
      const taint = t | (typeof x2 === "number" && (Number.isNaN(x2) || Number.isNaN(y2)) ? NAN : 0);
      if (taint === 0) return v ? TRUE : FALSE;
      if (taint === DERIVED) return v ? DERIVED_TRUE : DERIVED_FALSE;
      return { v, t: taint };
    }
    if (a.v === MISSING || b.v === MISSING) return { v: MISSING, t: t | EMPTY };
    if (op === "+" && typeof a.v === "string" && typeof b.v === "string") return { v: a.v + b.v, t };
    if (typeof a.v !== "number" || typeof b.v !== "number") return this.fail(`cannot apply ${quote(op)} to ${describe(a)} and ${describe(b)}`, at);
    const x = a.v;
    const y = b.v;
    let r;
    switch (op) {
      case "+":
        r = x + y;
        break;
      case "-":
        r = x - y;
        break;
      case "*":
        r = x * y;
        break;
      case "/":
        r = x / y;
        break;
      case "%":
        r = x % y;
        break;
      case "**":
        r = x ** y;
        break;
    }
    return { v: r, t: t | numberTaint(r) };
  }
  /** Evaluates `predicate` for each element (as `#`). */
  /**
   * all / any / none over the metric's own list of numbers with a predicate that compares the item
   * with a number literal (`{# < 0.5}`, `{1 > #}`): the same outcome and taint as evaluating the
   * predicate per item (binary() on the item's value), without a value per item. Undefined when
   * the call is not of that shape; the general path then decides.
   */
  quantified(n) {
    const [listNode, body] = n.args;
    if (listNode?.kind !== "result" || body?.kind !== "binary" || n.args.length !== 2) return void 0;
    const list = this.result;
    if (!(list instanceof LazyList)) return void 0;
    const op = body.op;
    if (op !== "<" && op !== "<=" && op !== ">" && op !== ">=") return void 0;
    let k;
    let itemLeft;
    if (body.left.kind === "element" && body.right.kind === "literal" && typeof body.right.value === "number") [k, itemLeft] = [body.right.value, true];
    else if (body.right.kind === "element" && body.left.kind === "literal" && typeof body.left.value === "number") [k, itemLeft] = [body.left.value, false];
    else return void 0;
    const raw = list.raw;
    for (let i = 0; i < raw.length; i++) if (typeof raw[i] !== "number") return void 0;
    const kTaint = 0;
    const all = n.name === "all";
    const none = n.name === "none";
    let t = list.t;
    for (let i = 0; i < raw.length; i++) {
      const x = raw[i];
      const [a, b] = itemLeft ? [x, k] : [k, x];
      const v = op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
      const pt = numberTaint(x) | kTaint | (Number.isNaN(x) || Number.isNaN(k) ? NAN : 0) | DERIVED;
      if (all || none) {
        if (v !== all) return { v: false, t: pt };
      } else if (v) {
        return { v: true, t: pt };
      }
      t |= pt;
    }
    return { v: all || none, t };
  }
  each(n, element) {
    const list = this.visit(n.args[0], element);
    const items = this.list(list, n.at, `${n.name}()`);
    const body = n.args[1];
    return { list, items, predicate: (item) => this.visit(body, item) };
  }
  numbers(n, element) {
    const args = n.args.map((a) => this.visit(a, element));
    const first = args[0];
    const source = args.length === 1 && (Array.isArray(first.v) || first.v === MISSING) ? this.list(first, n.at, `${n.name}()`) : args;
    let t = args.length === 1 ? first.t : 0;
    let missing = first.v === MISSING;
    const values = [];
    for (const item of source) {
      t |= item.t;
      const v = this.number(item, n.at, `${n.name}()`);
      if (v === MISSING) missing = true;
      else values.push(v);
    }
    return { values, t, missing };
  }
  call(n, element) {
    const arg = (i) => this.visit(n.args[i], element);
    switch (n.name) {
      case "len": {
        const x = arg(0);
        const raw = x instanceof LazyList || isResultPath(n.args[0]);
        let t = x.t & ~FILTERED & (raw ? ~EMPTY : ~0);
        const filtered = n.args[0]?.kind === "call" && n.args[0].name === "filter";
        if (t & DERIVED && !filtered) t = t & ~DERIVED | SEEN_EMPTY;
        if (x.v === MISSING) return { v: 0, t };
        if (Array.isArray(x.v)) return { v: x.v.length, t };
        if (typeof x.v === "string") return { v: utf8.encode(x.v).length, t };
        return this.fail(`len() needs an array or a string, found ${describe(x)}`, n.at);
      }
      case "isNaN": {
        const x = arg(0);
        const v = this.number(x, n.at, "isNaN()");
        return { v: v !== MISSING && Number.isNaN(v), t: x.t & ~NAN };
      }
      case "isInf": {
        const x = arg(0);
        const v = this.number(x, n.at, "isInf()");
        let sign = 0;
        let t = x.t & ~INF;
        if (n.args.length === 2) {
          const s = arg(1);
          const sv = this.number(s, n.at, "isInf() sign");
          if (sv === MISSING) return { v: false, t: t | s.t };
          sign = sv;
          t |= s.t;
        }
        if (v === MISSING) return { v: false, t };
        const inf = sign >= 0 && v === Number.POSITIVE_INFINITY || sign <= 0 && v === Number.NEGATIVE_INFINITY;
        return { v: inf, t };
      }
      case "default": {
        const x = arg(0);
        if (!isNilish(x.v)) return x;
        const y = arg(1);
        return { v: y.v, t: y.t | (n.args[0]?.kind === "result" ? x.t & ~EMPTY : x.t) };
      }
      case "abs": {
        const x = arg(0);
        const v = this.number(x, n.at, "abs()");
        if (v === MISSING) return x;
        const r = Math.abs(v);
        return { v: r, t: x.t | numberTaint(r) };
      }
      case "min":
      case "max":
      case "sum":
      case "mean": {
        const { values, t, missing } = this.numbers(n, element);
        if (missing) return { v: MISSING, t: t | EMPTY };
        if (n.name === "sum") {
          const r2 = values.reduce((s, v) => s + v, 0);
          return { v: r2, t: t | numberTaint(r2) };
        }
        if (values.length === 0) return { v: MISSING, t: t | EMPTY };
        const r = n.name === "min" ? Math.min(...values) : n.name === "max" ? Math.max(...values) : values.reduce((s, v) => s + v, 0) / values.length;
        return { v: r, t: t | numberTaint(r) };
      }
      case "float":
      case "asFloat":
      case "int":
      case "asInt": {
        const x = arg(0);
        if (x.v === MISSING) return x;
        const integer = n.name === "int" || n.name === "asInt";
        let r;
        if (typeof x.v === "number") r = x.v;
        else if (typeof x.v === "string") r = parseNumber(x.v, integer);
        else return this.fail(`${n.name}() needs a number or a numeric string, found ${describe(x)}`, n.at);
        if (r === void 0) return this.fail(`${n.name}() cannot convert ${describe(x)} to a number`, n.at);
        if (integer) {
          if (!Number.isFinite(r)) return this.fail(`${n.name}() cannot convert ${String(r)} to an integer`, n.at);
          r = Math.trunc(r);
        }
        return { v: r, t: x.t | numberTaint(r) };
      }
      case "all":
      case "none": {
        const fast = this.quantified(n);
        if (fast) return fast;
        const { list, items, predicate } = this.each(n, element);
        let t = list.t;
        const what = `the predicate of ${n.name}()`;
        const all = n.name === "all";
        for (const item of items) {
          const p = predicate(item);
          const holds = this.truth(p, n.at, what) === all;
          if (!holds) return { v: false, t: p.t & DERIVED ? decidedOver(p.t, t) : examined(p, list) };
          t |= examined(p, item);
        }
        return { v: true, t };
      }
      case "any": {
        const fast = this.quantified(n);
        if (fast) return fast;
        const { list, items, predicate } = this.each(n, element);
        let t = list.t;
        for (const item of items) {
          const p = predicate(item);
          if (this.truth(p, n.at, "the predicate of any()")) return { v: true, t: p.t & DERIVED ? decidedOver(p.t, t) : examined(p, list) };
          t |= examined(p, item);
        }
        return { v: false, t };
      }
      case "one":
      case "count":
      case "filter": {
        const { list, items, predicate } = this.each(n, element);
        let t = list.t;
        const kept = [];
        const what = `the predicate of ${n.name}()`;
        for (const item of items) {
          const p = predicate(item);
          t |= examined(p, item);
          if (this.truth(p, n.at, what)) kept.push(item);
        }
        if (n.name === "one") return { v: kept.length === 1, t };
        if (n.name === "count") return { v: kept.length, t };
        return { v: kept, t: t | (kept.length === 0 ? FILTERED : 0) };
      }
      case "map": {
        const { list, items, predicate } = this.each(n, element);
        const mapped = items.map(predicate);
        return { v: mapped, t: carried(list.t, mapped) };
      }
      default:
        return this.fail(`unknown function ${quote(n.name)}`, n.at);
    }
  }
};
function evaluateCondition(expr, result) {
  const root = treeOf(expr, CONDITION);
  const evaluator = new ConditionEvaluator(expr.text, fromMetric(result));
  const out = evaluator.visit(root, void 0);
  let t = out.t & DERIVED ? out.t : out.t | measurementTaint(result);
  let value;
  if (typeof out.v === "boolean") value = out.v;
  else if (out.v === MISSING) {
    value = false;
    t |= EMPTY;
  } else {
    throw new ExpressionError(`a condition must evaluate to true or false, but ${quote(expr.text)} evaluated to ${describe(out)}`, 0);
  }
  if (t & (EMPTY | FILTERED)) return { value, unhandled: "empty" };
  if (t & NAN) return { value, unhandled: "nan" };
  if (t & INF) return { value, unhandled: "inf" };
  return { value };
}
function timeKind(root, fail) {
  const kind = (n) => {
    switch (n.kind) {
      case "literal":
        return "number";
      case "call":
        return n.name === "now" ? "time" : "duration";
      case "unary": {
        const k2 = kind(n.arg);
        if (k2 === "time") fail(`cannot negate a time`, n.at);
        return k2;
      }
      case "binary": {
        const l = kind(n.left);
        const r = kind(n.right);
        const key = `${l} ${n.op} ${r}`;
        const rules = {
          "time + duration": "time",
          "duration + time": "time",
          "time - duration": "time",
          "time - time": "duration",
          "duration + duration": "duration",
          "duration - duration": "duration",
          "duration * number": "duration",
          "number * duration": "duration",
          "duration / number": "duration",
          "duration / duration": "number",
          "number + number": "number",
          "number - number": "number",
          "number * number": "number",
          "number / number": "number"
        };
        const k2 = Object.hasOwn(rules, key) ? rules[key] : void 0;
        if (!k2) return fail(`cannot compute ${l} ${n.op} ${r}`, n.at);
        return k2;
      }
      default:
        return fail("unsupported in a time expression", n.at);
    }
  };
  const k = kind(root);
  if (k !== "time") fail(`a time expression must evaluate to a time such as now() - duration("1h"), found a ${k}`, 0);
}
function evaluateTimeExpression(expr, nowMs) {
  const root = treeOf(expr, TIME);
  if (!Number.isFinite(nowMs)) throw new Error(`evaluating ${quote(expr.text)}: the clock gave ${String(nowMs)}, not a time`);
  const ev = (n) => {
    switch (n.kind) {
      case "literal":
        return n.value;
      case "call":
        return n.name === "now" ? nowMs : parseGoDuration(n.args[0].value);
      case "unary":
        return n.op === "-" ? -ev(n.arg) : ev(n.arg);
      case "binary": {
        const l = ev(n.left);
        const r = ev(n.right);
        return n.op === "+" ? l + r : n.op === "-" ? l - r : n.op === "*" ? l * r : l / r;
      }
      default:
        throw new ExpressionError(`unsupported in a time expression at column ${n.at}`, n.at);
    }
  };
  const ms = ev(root);
  if (!Number.isFinite(ms)) throw new ExpressionError(`time expression ${quote(expr.text)} evaluated to ${String(ms)}, not a time`, 0);
  return ms;
}
var UNIT_NS = /* @__PURE__ */ new Map([
  ["ns", 1n],
  ["us", 1000n],
  ["µs", 1000n],
  // U+00B5 micro sign
  ["μs", 1000n],
  // U+03BC Greek mu
  ["ms", 1000000n],
  ["s", 1000000000n],
  ["m", 60000000000n],
  ["h", 3600000000000n]
]);
var MAX_NS = 9223372036854775807n;
function parseGoDuration(text) {
  const fail = (why, at) => {
    throw new ExpressionError(`invalid duration ${quote(text)}: ${why} at column ${at}; write a Go duration such as "1h30m", "15s" or "500ms"`, at);
  };
  if (typeof text !== "string") return fail("not a string", 0);
  let i = 0;
  let negative = false;
  const sign = text.charAt(0);
  if (sign === "-" || sign === "+") {
    negative = sign === "-";
    i = 1;
  }
  if (text.slice(i) === "0") return 0;
  if (i === text.length) fail(text === "" ? "empty" : `found only ${quote(sign)}`, i);
  let total = 0n;
  while (i < text.length) {
    const numberAt = i;
    let whole = "";
    while (isDigit(text.charAt(i))) whole += text.charAt(i++);
    let fraction = "";
    let dot = false;
    if (text.charAt(i) === ".") {
      dot = true;
      i++;
      while (isDigit(text.charAt(i))) fraction += text.charAt(i++);
    }
    if (whole === "" && fraction === "") fail(`expected a number, found ${tokenAt(text, numberAt)}`, numberAt);
    const unitAt = i;
    while (i < text.length && text.charAt(i) !== "." && !isDigit(text.charAt(i))) i++;
    const unit = text.slice(unitAt, i);
    if (unit === "") fail(`missing unit after ${quote(text.slice(numberAt, unitAt))}`, unitAt);
    const scale = UNIT_NS.get(unit);
    if (scale === void 0) return fail(`unknown unit ${quote(unit)} (units are ns, us, ms, s, m, h)`, unitAt);
    total += BigInt(whole === "" ? "0" : whole) * scale;
    if (dot && fraction !== "") total += BigInt(fraction) * scale / 10n ** BigInt(fraction.length);
    if (total > MAX_NS) fail("out of range (more than about 292 years)", numberAt);
  }
  const ms = Number(total) / 1e6;
  return negative ? -ms : ms;
}

// actions/src/core/analysis-template.ts
var UNREAD_CONDITION = "the condition does not read result, so it is true or false whatever Prometheus answers; compare result with what the metric must show, as in result[0] >= 0.95";
var FERRY_ARGS = ["app", "env", "image", "tag", "digest", "previous-image", "previous-tag", "previous-digest"];
var ALLOW_FAILURE_CONDITION_ONLY = "ferry.dev/allow-failure-condition-only";
var FERRY_ANNOTATIONS = [ALLOW_FAILURE_CONDITION_ONLY];
var DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
var ERROR_RETRY_INTERVAL_MS = 1e4;
var MAX_RANGE_POINTS = 11e3;
var MAX_TIMER_MS = 2147483647;
var MAX_TIMEOUT_S = Math.floor(MAX_TIMER_MS / 1e3);
var API_VERSION = "argoproj.io/v1alpha1";
var KINDS = ["AnalysisTemplate", "ClusterAnalysisTemplate"];
var ARGO_PROVIDERS = ["web", "job", "datadog", "newRelic", "wavefront", "kayenta", "cloudWatch", "graphite", "influxdb", "skywalking", "plugin"];
var dnsSubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
var dnsLabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
function parseAnalysisTemplates(text, file) {
  const lines = new import_yaml.LineCounter();
  const docs = (0, import_yaml.parseAllDocuments)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems = new Problems(file, lines);
  for (const doc of docs) {
    for (const e of doc.errors) problems.at(e.pos[0], void 0, e.code === "DUPLICATE_KEY" ? "duplicate key (a key may appear once in a mapping)" : `cannot read the YAML: ${e.message.split("\n")[0]}`);
  }
  problems.throwIfAny();
  const templates = [];
  const seen = /* @__PURE__ */ new Map();
  for (const doc of docs) {
    const root = doc.contents;
    if (root === null || (0, import_yaml.isScalar)(root) && root.value === null) continue;
    const template = new TemplateReader(doc, text, problems).read();
    if (!template) continue;
    const first = seen.get(template.name);
    if (first) problems.add(template.at, `two templates named ${quote(template.name)} in one file (the first at line ${first.line})`);
    else seen.set(template.name, template.at);
    templates.push(template);
  }
  problems.throwIfAny();
  if (templates.length === 0) throw new ConfigurationError({ file, line: 1, column: 1, message: "expected an AnalysisTemplate or ClusterAnalysisTemplate, found an empty file" });
  return templates;
}
function parseAnalysisTemplate(text, file, name) {
  const all = parseAnalysisTemplates(text, file);
  if (name === void 0) {
    if (all.length === 1) return all[0];
    throw new ConfigurationError({ file, line: all[1].at.line, column: all[1].at.column, message: `expected one template, found ${all.length} (${all.map((t) => t.name).join(", ")}); name the one to run` });
  }
  const found = all.find((t) => t.name === name);
  if (found) return found;
  throw new ConfigurationError({ file, line: 1, column: 1, message: `no template named ${quote(name)} (templates: ${all.map((t) => t.name).join(", ")})` });
}
var Problems = class {
  constructor(file, lines) {
    this.file = file;
    this.lines = lines;
  }
  list = [];
  position(offset) {
    const { line, col } = this.lines.linePos(offset);
    return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
  }
  at(offset, field, message) {
    const { line, column } = this.position(offset);
    this.list.push(field ? { file: this.file, line, column, field, message } : { file: this.file, line, column, message });
  }
  add(where, message) {
    this.list.push(where.field ? { ...where, message } : { file: where.file, line: where.line, column: where.column, message });
  }
  throwIfAny() {
    if (!this.list.length) return;
    const sorted = this.list.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i).map(({ p }) => p);
    throw new ConfigurationError(sorted);
  }
};
function describe2(node) {
  if (node === null || node === void 0) return "an empty value";
  if ((0, import_yaml.isMap)(node)) return "a mapping";
  if ((0, import_yaml.isSeq)(node)) return node.items.length ? "a list" : "an empty list";
  if ((0, import_yaml.isScalar)(node)) {
    const v = node.value;
    if (v === null) return "an empty value";
    if (typeof v === "string") return quote(v);
    if (typeof v === "number") return `the number ${v}`;
    if (typeof v === "boolean") return `the boolean ${v}`;
  }
  return "something else";
}
var TemplateReader = class {
  constructor(doc, source, problems) {
    this.doc = doc;
    this.source = source;
    this.problems = problems;
    this.file = problems.file;
  }
  problems;
  file;
  ignored = [];
  before = 0;
  read() {
    this.before = this.problems.list.length;
    const root = this.map(this.doc.contents, "", void 0, "a mapping with apiVersion, kind, metadata and spec");
    if (!root) return void 0;
    this.only(root, "", { apiVersion: null, kind: null, metadata: null, spec: null }, {
      status: "a template has no status (is this an AnalysisRun exported from a cluster?)"
    });
    const apiVersion = this.string(root, "apiVersion", "", true);
    if (apiVersion && apiVersion.text !== API_VERSION) this.problems.add(apiVersion.at, `expected ${API_VERSION}, found ${quote(apiVersion.text)}`);
    const kind = this.string(root, "kind", "", true);
    if (kind && !KINDS.includes(kind.text)) {
      const hint = kind.text === "AnalysisRun" ? " (Ferry runs templates; Argo creates AnalysisRuns from them)" : "";
      this.problems.add(kind.at, `expected AnalysisTemplate or ClusterAnalysisTemplate, found ${quote(kind.text)}${hint}`);
    }
    const meta = this.metadata(root);
    const specEntry = root.get("spec");
    if (!specEntry) this.missing(this.doc.contents, "", "spec");
    const spec = specEntry ? this.map(specEntry.value, "spec", specEntry.key, "a mapping with metrics and optionally args, dryRun and measurementRetention") : void 0;
    let args = [];
    let metrics = [];
    if (spec) {
      this.only(spec, "spec", { args: null, metrics: null, dryRun: null, measurementRetention: null }, {
        templates: "Ferry does not support templates that include other templates (spec.templates); list the metrics in this template"
      });
      args = this.args(spec);
      metrics = this.metrics(spec, meta?.allowFailureConditionOnly ?? false);
      this.dryRun(spec, metrics);
      this.measurementRetention(spec);
      this.checkPlaceholders(args, metrics);
    }
    if (this.problems.list.length > this.before || !meta || !kind || !apiVersion) return void 0;
    return {
      file: this.file,
      kind: kind.text,
      name: meta.name,
      ...meta.namespace !== void 0 ? { namespace: meta.namespace } : {},
      labels: meta.labels,
      annotations: meta.annotations,
      args,
      metrics,
      allowFailureConditionOnly: meta.allowFailureConditionOnly,
      ignored: this.ignored,
      at: this.where(this.doc.contents, "")
    };
  }
  // --- locations --------------------------------------------------------------------------
  deref(node) {
    return (0, import_yaml.isAlias)(node) ? node.resolve(this.doc) : node;
  }
  where(node, field, key) {
    const n = this.deref(node);
    const empty = n === null || n === void 0 || (0, import_yaml.isScalar)(n) && n.value === null && n.range?.[0] === n.range?.[1];
    const at = empty && key !== void 0 ? key : n;
    const range = at?.range;
    const { line, column } = range ? this.problems.position(range[0]) : { line: 1, column: 1 };
    return { file: this.file, line, column, field };
  }
  fail(node, field, message, key) {
    this.problems.add(this.where(node, field, key), message);
  }
  missing(parent, field, key) {
    this.fail(parent, field, `missing required key ${quote(key)}`);
  }
  // --- shapes -----------------------------------------------------------------------------
  map(node, field, key, expected) {
    const n = this.deref(node);
    if (!(0, import_yaml.isMap)(n)) {
      this.fail(n, field, `expected ${expected}, found ${describe2(n)}`, key);
      return void 0;
    }
    const out = /* @__PURE__ */ new Map();
    out.node = n;
    for (const pair of n.items) {
      const k = this.deref(pair.key);
      if (!(0, import_yaml.isScalar)(k) || typeof k.value !== "string") {
        this.fail(k, field, `expected a text key, found ${describe2(k)}`);
        continue;
      }
      out.set(k.value, { key: k, value: pair.value });
    }
    return out;
  }
  list(node, field, key, expected) {
    const n = this.deref(node);
    if (!(0, import_yaml.isSeq)(n)) {
      this.fail(n, field, `expected ${expected}, found ${describe2(n)}`, key);
      return void 0;
    }
    return n.items.map((i) => this.deref(i));
  }
  /** Refuses keys other than `known`; `refused` gives the reason for keys Argo knows and Ferry does not run. */
  only(entries, field, known, refused = {}) {
    for (const [k, { key }] of entries) {
      if (k in known) continue;
      const path = field ? `${field}.${k}` : k;
      const reason = refused[k];
      if (reason) this.fail(key, path, reason);
      else this.fail(key, path, `Ferry does not support ${quote(k)} here (supported: ${Object.keys(known).join(", ")})`);
    }
  }
  /** A scalar as text: strings as they are, numbers and booleans as written in the file. */
  scalarText(node) {
    const n = this.deref(node);
    if (!(0, import_yaml.isScalar)(n)) return void 0;
    if (typeof n.value === "string") return n.value;
    if ((typeof n.value === "number" || typeof n.value === "bigint" || typeof n.value === "boolean") && n.range) return this.source.slice(n.range[0], n.range[1]).trim();
    return void 0;
  }
  /** A text value (`what` says what it should hold); numbers are refused unless `numbersOk`. */
  string(entries, k, parent, required, what = "a text value", numbersOk = false) {
    const field = parent ? `${parent}.${k}` : k;
    const e = entries.get(k);
    if (!e) {
      if (required) this.fail(this.parentNode(entries), parent, `missing required key ${quote(k)}`);
      return void 0;
    }
    const n = this.deref(e.value);
    const ok = (0, import_yaml.isScalar)(n) && (typeof n.value === "string" || numbersOk && typeof n.value === "number");
    const text = ok ? this.scalarText(n) : void 0;
    if (text === void 0 || required && text.trim() === "") {
      this.fail(n, field, `expected ${what}, found ${describe2(n)}`, e.key);
      return void 0;
    }
    return { text, at: this.where(n, field, e.key) };
  }
  /** A whole number or a text (an `{{args.…}}` placeholder), as Argo's int-or-string fields. */
  intOrString(entries, k, parent) {
    return this.string(entries, k, parent, false, "a whole number (or a text with an {{args.…}} placeholder)", true);
  }
  /** A plain YAML integer (Argo's int64 fields): a quoted number or a placeholder is refused. */
  integer(entries, k, parent, what) {
    const field = parent ? `${parent}.${k}` : k;
    const e = entries.get(k);
    if (!e) return void 0;
    const n = this.deref(e.value);
    const text = (0, import_yaml.isScalar)(n) && (typeof n.value === "number" || typeof n.value === "bigint") ? this.scalarText(n) : void 0;
    if (text === void 0) {
      this.fail(n, field, `expected ${what}, found ${describe2(n)}`, e.key);
      return void 0;
    }
    return { text, at: this.where(n, field, e.key) };
  }
  parentNode(entries) {
    return entries.node;
  }
  // --- metadata ---------------------------------------------------------------------------
  metadata(root) {
    const e = root.get("metadata");
    if (!e) {
      this.missing(this.doc.contents, "", "metadata");
      return void 0;
    }
    const meta = this.map(e.value, "metadata", e.key, "a mapping with name and optionally namespace, labels and annotations");
    if (!meta) return void 0;
    this.only(meta, "metadata", { name: null, namespace: null, labels: null, annotations: null });
    const name = this.string(meta, "name", "metadata", true, "the template name");
    if (name && (name.text.length > 253 || !dnsSubdomainRe.test(name.text))) {
      this.problems.add(name.at, `expected a Kubernetes name (lowercase letters, digits, '-' and '.'), found ${quote(name.text)}`);
    }
    const namespace = this.string(meta, "namespace", "metadata", false, "a namespace");
    if (namespace && !dnsLabelRe.test(namespace.text)) this.problems.add(namespace.at, `expected a namespace (a DNS label), found ${quote(namespace.text)}`);
    const labels = this.stringMap(meta, "labels", "metadata").values;
    const { values: annotations, nodes } = this.stringMap(meta, "annotations", "metadata");
    let allow = false;
    for (const [k, v] of Object.entries(annotations)) {
      if (!k.startsWith("ferry.dev/")) continue;
      const field = `metadata.annotations.${k}`;
      const node = nodes.get(k);
      if (!FERRY_ANNOTATIONS.includes(k)) this.fail(node?.key, field, `unknown Ferry annotation ${quote(k)} (Ferry reads ${FERRY_ANNOTATIONS.join(", ")})`);
      else if (v === "true") allow = true;
      else if (v !== "false") this.fail(node?.value, field, `expected "true" or "false", found ${quote(v)}`, node?.key);
    }
    if (!name) return void 0;
    return { name: name.text, ...namespace ? { namespace: namespace.text } : {}, labels, annotations, allowFailureConditionOnly: allow };
  }
  stringMap(entries, k, parent) {
    const field = `${parent}.${k}`;
    const e = entries.get(k);
    const values = {};
    const m = e ? this.map(e.value, field, e.key, "a mapping of names to text values") : void 0;
    if (!m) return { values, nodes: /* @__PURE__ */ new Map() };
    for (const [name, { key, value }] of m) {
      const n = this.deref(value);
      if ((0, import_yaml.isScalar)(n) && typeof n.value === "string") values[name] = n.value;
      else this.fail(n, `${field}.${name}`, `expected a text value (quote it: "…"), found ${describe2(n)}`, key);
    }
    return { values, nodes: m };
  }
  // --- args -------------------------------------------------------------------------------
  args(spec) {
    const e = spec.get("args");
    if (!e) return [];
    const items = this.list(e.value, "spec.args", e.key, "a list of args");
    if (!items) return [];
    const out = [];
    const seen = /* @__PURE__ */ new Map();
    items.forEach((item, i) => {
      const field = `spec.args[${i}]`;
      const m = this.map(item, field, void 0, "a mapping with name and optionally value or valueFrom");
      if (!m) return;
      this.only(m, field, { name: null, value: null, valueFrom: null });
      const name = this.string(m, "name", field, true, "the arg name");
      if (!name) return;
      if (!/^[A-Za-z0-9_.-]+$/.test(name.text)) this.problems.add(name.at, `expected an arg name of letters, digits, '-', '_' and '.', found ${quote(name.text)}`);
      const first = seen.get(name.text);
      if (first !== void 0) this.problems.add(name.at, `arg ${quote(name.text)} is declared twice (also spec.args[${first}])`);
      else seen.set(name.text, i);
      const arg = { name: name.text, at: this.where(item, field) };
      const valueEntry = m.get("value");
      if (valueEntry) {
        const n = this.deref(valueEntry.value);
        const text = (0, import_yaml.isScalar)(n) && n.value !== null ? this.scalarText(n) : void 0;
        if (text === void 0) this.fail(n, `${field}.value`, `expected a text value, found ${describe2(n)}`, valueEntry.key);
        else arg.value = text;
      }
      const from = m.get("valueFrom");
      if (from) {
        if (valueEntry) this.fail(from.key, `${field}.valueFrom`, `arg ${quote(name.text)} has both value and valueFrom; give one`);
        const vf = this.map(from.value, `${field}.valueFrom`, from.key, "a mapping with secretKeyRef");
        if (vf) {
          this.only(vf, `${field}.valueFrom`, { secretKeyRef: null }, {
            fieldRef: "Ferry does not support valueFrom.fieldRef: it reads a field of the Rollout, and Ferry runs the template without one",
            podTemplateHashValue: "Ferry does not support valueFrom.podTemplateHashValue: it names a ReplicaSet of the Rollout, and Ferry runs the template without one"
          });
          const ref = vf.get("secretKeyRef");
          if (!ref && vf.size === 0) this.fail(from.value, `${field}.valueFrom`, "expected a mapping with secretKeyRef, found an empty mapping", from.key);
          if (ref) {
            const refField = `${field}.valueFrom.secretKeyRef`;
            const r = this.map(ref.value, refField, ref.key, "a mapping with name and key");
            if (r) {
              this.only(r, refField, { name: null, key: null });
              const sName = this.string(r, "name", refField, true, "the Secret name");
              const sKey = this.string(r, "key", refField, true, "the key in the Secret");
              if (!r.has("name") || !r.has("key")) this.fail(ref.value, refField, `missing required key ${quote(!r.has("name") ? "name" : "key")} (required: name, key)`, ref.key);
              if (sName && sKey) arg.secretKeyRef = { name: sName.text, key: sKey.text };
            }
          }
        }
      }
      out.push(arg);
    });
    return out;
  }
  // --- metrics ----------------------------------------------------------------------------
  metrics(spec, allowFailureOnly) {
    const e = spec.get("metrics");
    if (!e) {
      this.missing(spec.node, "spec", "metrics");
      return [];
    }
    const items = this.list(e.value, "spec.metrics", e.key, "a non-empty list of metrics");
    if (!items) return [];
    if (items.length === 0) this.fail(e.value, "spec.metrics", "expected a non-empty list of metrics, found an empty list", e.key);
    const out = [];
    const seen = /* @__PURE__ */ new Map();
    items.forEach((item, i) => {
      const read = this.metric(item, `spec.metrics[${i}]`, allowFailureOnly);
      if (!read) return;
      const { metric, nameAt } = read;
      const first = seen.get(metric.name);
      if (first !== void 0) this.problems.add(nameAt, `metric ${quote(metric.name)} is declared twice (also spec.metrics[${first}])`);
      else seen.set(metric.name, i);
      out.push(metric);
    });
    return out;
  }
  metric(item, field, allowFailureOnly) {
    const m = this.map(item, field, void 0, "a mapping with name, provider and successCondition");
    if (!m) return void 0;
    this.only(
      m,
      field,
      { name: null, provider: null, successCondition: null, failureCondition: null, interval: null, initialDelay: null, count: null, failureLimit: null, inconclusiveLimit: null, consecutiveErrorLimit: null },
      { consecutiveSuccessLimit: "Ferry does not support consecutiveSuccessLimit: a gate measures count times and fails past failureLimit; use count and failureLimit" }
    );
    const name = this.string(m, "name", field, true, "the metric name");
    if (name && name.text.includes("{{")) this.problems.add(name.at, `a metric name cannot hold a placeholder, found ${quote(name.text)}`);
    const successCondition = this.string(m, "successCondition", field, false, "an expression like result[0] >= 0.99");
    const failureCondition = this.string(m, "failureCondition", field, false, "an expression like result[0] < 0.9");
    const at = this.where(item, field);
    if (!m.has("successCondition") && !m.has("failureCondition")) {
      this.problems.add(at, "a metric needs a successCondition: without successCondition and failureCondition Argo counts every measurement Successful, so Ferry refuses it");
    } else if (!m.has("successCondition") && m.has("failureCondition") && !allowFailureOnly) {
      this.problems.add(
        failureCondition?.at ?? at,
        `a metric with only a failureCondition passes anything the condition does not catch (an empty result included); add a successCondition, or allow it for this template with the annotation ${ALLOW_FAILURE_CONDITION_ONLY}: "true"`
      );
    }
    for (const c of [successCondition, failureCondition]) if (c) this.checkCondition(c, m);
    const metric = {
      name: name?.text ?? "",
      at,
      dryRun: false,
      prometheus: this.provider(m, field) ?? { query: { text: "", at }, headers: [] }
    };
    if (successCondition) metric.successCondition = successCondition;
    if (failureCondition) metric.failureCondition = failureCondition;
    for (const k of ["interval", "initialDelay"]) {
      const v = this.string(m, k, field, false, "a duration like 30s, 5m or 1h");
      if (v) metric[k] = v;
    }
    for (const k of ["count", "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit"]) {
      const v = this.intOrString(m, k, field);
      if (v) metric[k] = v;
    }
    const known = (l) => l === void 0 ? void 0 : l.text.includes("{{") ? null : l.text;
    settleMetric(metric, known, (where, message) => this.problems.add(where, message), { nowMs: Date.UTC(2e3, 0, 1) }, true);
    return { metric, nameAt: name?.at ?? at };
  }
  /** Syntax of a condition, each placeholder standing in for a number of the same width. */
  checkCondition(c, m) {
    const text = c.text.replace(/\{\{[^}]*\}\}/g, (p) => `0${" ".repeat(p.length - 1)}`);
    try {
      if (!readsResult(parseCondition(text)) && !c.text.includes("{{")) this.problems.add(c.at, UNREAD_CONDITION);
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      const key = c.at.field.slice(c.at.field.lastIndexOf(".") + 1);
      const node = this.deref(m.get(key)?.value);
      this.problems.add(this.expressionWhere(c, node, err.position), `cannot parse the condition: ${err.message}`);
    }
  }
  /** The position of character `position` of an expression written at `node`, when the file shows it verbatim. */
  expressionWhere(c, node, position) {
    const range = node?.range;
    if (position === void 0 || !range) return c.at;
    const raw = this.source.slice(range[0], range[1]);
    const lines = c.text.split("\n");
    let before = 0;
    let lineIndex = 0;
    while (lineIndex < lines.length - 1 && before + lines[lineIndex].length < position) {
      before += lines[lineIndex].length + 1;
      lineIndex++;
    }
    const lineText = lines[lineIndex] ?? "";
    let from = 0;
    for (let k = 0; k <= lineIndex; k++) {
      const written = lines[k];
      const idx = written === "" ? from : raw.indexOf(written, from);
      if (idx < 0 || k === lineIndex && lineText === "") return c.at;
      if (k === lineIndex) {
        const { line, column } = this.problems.position(range[0] + idx + (position - before));
        return { ...c.at, line, column };
      }
      from = idx + written.length;
    }
    return c.at;
  }
  provider(m, field) {
    const e = m.get("provider");
    const pField = `${field}.provider`;
    if (!e) {
      this.fail(this.parentNode(m), field, `missing required key "provider" (Ferry runs provider.prometheus)`);
      return void 0;
    }
    const p = this.map(e.value, pField, e.key, "a mapping with prometheus");
    if (!p) return void 0;
    const refused = {};
    for (const k of ARGO_PROVIDERS) refused[k] = `Ferry does not support the ${k} metric provider; Ferry runs provider.prometheus only`;
    this.only(p, pField, { prometheus: null }, refused);
    const pe = p.get("prometheus");
    if (!pe) {
      if (p.size === 0) this.fail(e.value, pField, "expected a mapping with prometheus, found an empty mapping", e.key);
      return void 0;
    }
    const f = `${pField}.prometheus`;
    const prom = this.map(pe.value, f, pe.key, "a mapping with address and query");
    if (!prom) return void 0;
    this.only(
      prom,
      f,
      { address: null, query: null, timeout: null, insecure: null, headers: null, authentication: null, rangeQuery: null },
      { caCert: "Ferry does not support caCert: Ferry verifies Prometheus with the runner's trusted certificates" }
    );
    const query = this.string(prom, "query", f, true, "a PromQL query");
    const out = { query: query ?? { text: "", at: this.where(pe.value, f) }, headers: [] };
    const address = this.string(prom, "address", f, false, "an http(s) URL");
    if (address) out.address = address;
    const timeout = this.integer(prom, "timeout", f, "a whole number of seconds, unquoted (Argo's timeout is an integer field, not an int-or-string)");
    if (timeout) out.timeout = timeout;
    const insecure = prom.get("insecure");
    if (insecure) {
      const n = this.deref(insecure.value);
      if (!(0, import_yaml.isScalar)(n) || typeof n.value !== "boolean") this.fail(n, `${f}.insecure`, `expected true or false, found ${describe2(n)}`, insecure.key);
      else if (n.value) this.fail(n, `${f}.insecure`, "Ferry does not support insecure: true: Ferry always verifies the TLS certificate of Prometheus");
    }
    const headers = prom.get("headers");
    if (headers) {
      const items = this.list(headers.value, `${f}.headers`, headers.key, "a list of { key, value }") ?? [];
      const seen = /* @__PURE__ */ new Set();
      items.forEach((h, i) => {
        const hf = `${f}.headers[${i}]`;
        const hm = this.map(h, hf, void 0, "a mapping with key and value");
        if (!hm) return;
        this.only(hm, hf, { key: null, value: null });
        const key = this.string(hm, "key", hf, true, "a header name");
        const value = this.string(hm, "value", hf, true, "the header value", true);
        if (key && seen.has(key.text.toLowerCase())) this.problems.add(key.at, `header ${quote(key.text)} is set twice`);
        if (key) seen.add(key.text.toLowerCase());
        if (key && value) out.headers.push({ key, value });
      });
    }
    const auth = prom.get("authentication");
    if (auth) {
      const af = `${f}.authentication`;
      const a = this.map(auth.value, af, auth.key, "a mapping with sigv4");
      if (a) {
        this.only(a, af, { sigv4: null }, {
          oauth2: "Ferry does not support authentication.oauth2; give Ferry a bearer token (its bearer-token-env option) or sign with sigv4",
          basicAuth: "Ferry does not support authentication.basicAuth; set an Authorization header from a secret arg instead"
        });
        const s = a.get("sigv4");
        if (s) {
          const sf = `${af}.sigv4`;
          const sm = this.map(s.value, sf, s.key, "a mapping with region and optionally profile and roleArn");
          if (sm) {
            this.only(sm, sf, { region: null, profile: null, roleArn: null });
            const region = this.string(sm, "region", sf, true, "an AWS region like eu-central-1");
            for (const k of ["profile", "roleArn"]) {
              if (this.string(sm, k, sf, false)) this.ignored.push({ field: `${sf}.${k}`, reason: "Ferry signs with the runner's AWS credentials (the environment's OIDC role), not with credentials named in the cluster" });
            }
            if (region) out.sigv4 = { region };
          }
        }
      }
    }
    const range = prom.get("rangeQuery");
    if (range) {
      const rf = `${f}.rangeQuery`;
      const r = this.map(range.value, rf, range.key, "a mapping with start, end and step");
      if (r) {
        this.only(r, rf, { start: null, end: null, step: null });
        const start = this.string(r, "start", rf, true, 'a time expression like now() - duration("10m")');
        const end = this.string(r, "end", rf, true, "a time expression like now()");
        const step = this.string(r, "step", rf, true, "a duration like 1m");
        if (start && end && step) out.rangeQuery = { start, end, step };
      }
    }
    return out;
  }
  // --- dryRun, measurementRetention, placeholders -----------------------------------------
  dryRun(spec, metrics) {
    const e = spec.get("dryRun");
    if (!e) return;
    const items = this.list(e.value, "spec.dryRun", e.key, "a list of { metricName }") ?? [];
    items.forEach((item, i) => {
      const f = `spec.dryRun[${i}]`;
      const m = this.map(item, f, void 0, "a mapping with metricName");
      if (!m) return;
      this.only(m, f, { metricName: null });
      const rule = this.string(m, "metricName", f, true, "a metric name or a regular expression");
      if (!rule) return;
      let re;
      try {
        re = new RegExp(`^(?:${rule.text})$`);
      } catch (err) {
        this.problems.add(rule.at, `expected a metric name or a regular expression, found ${quote(rule.text)}: ${err.message}`);
        return;
      }
      const matched = metrics.filter((mt) => re.test(mt.name));
      if (!matched.length) this.problems.add(rule.at, `matches no metric (metrics: ${metrics.map((mt) => mt.name).join(", ")}); the rule must match a whole metric name`);
      for (const mt of matched) mt.dryRun = true;
    });
    if (metrics.length && metrics.every((mt) => mt.dryRun)) {
      this.fail(e.key, "spec.dryRun", "every metric is dry-run, so nothing would decide the gate; leave at least one metric out of dryRun");
    }
  }
  measurementRetention(spec) {
    const e = spec.get("measurementRetention");
    if (!e) return;
    const items = this.list(e.value, "spec.measurementRetention", e.key, "a list of { metricName, limit }") ?? [];
    items.forEach((item, i) => {
      const f = `spec.measurementRetention[${i}]`;
      const m = this.map(item, f, void 0, "a mapping with metricName and limit");
      if (m) this.only(m, f, { metricName: null, limit: null });
    });
    this.ignored.push({ field: "spec.measurementRetention", reason: "a Ferry run is bounded by count and keeps every measurement" });
  }
  checkPlaceholders(args, metrics) {
    const declared = new Set(args.map((a) => a.name));
    for (const metric of metrics) {
      for (const l of locatedOf(metric)) {
        for (const problem of placeholderProblems(l.text, declared)) this.problems.add(l.at, problem);
      }
    }
  }
};
function locatedOf(m) {
  const p = m.prometheus;
  const out = [
    p.address,
    p.query,
    p.timeout,
    ...p.headers.flatMap((h) => [h.key, h.value]),
    p.sigv4?.region,
    p.rangeQuery?.start,
    p.rangeQuery?.end,
    p.rangeQuery?.step,
    m.successCondition,
    m.failureCondition,
    m.interval,
    m.initialDelay,
    m.count,
    m.failureLimit,
    m.inconclusiveLimit,
    m.consecutiveErrorLimit
  ];
  return out.filter((l) => l !== void 0);
}
var placeholderRe = /\{\{(.*?)\}\}/gs;
var argPlaceholderRe = /^\s*args\.([A-Za-z0-9_.-]+)\s*$/;
function placeholderProblems(text, declared) {
  const out = [];
  const known = declared.size ? [...declared].join(", ") : "none";
  for (const m of text.matchAll(placeholderRe)) {
    const name = argPlaceholderRe.exec(m[1] ?? "")?.[1];
    if (name === void 0) out.push(`unknown placeholder ${quote(m[0])}: Ferry substitutes only {{args.<name>}} (args declared: ${known})`);
    else if (!declared.has(name)) out.push(`placeholder ${quote(m[0])} names no arg declared in spec.args (args declared: ${known})`);
  }
  const rest = text.replace(placeholderRe, "");
  if (rest.includes("{{")) out.push(`"{{" without a closing "}}" in ${quote(text)}`);
  return out;
}
function unquotableSecrets(query, secretArgs) {
  const out = /* @__PURE__ */ new Set();
  const placeholderAt = new RegExp(placeholderRe.source, "ys");
  let open = "";
  for (let i = 0; i < query.length; i++) {
    const ch = query.charAt(i);
    placeholderAt.lastIndex = i;
    const m = ch === "{" ? placeholderAt.exec(query) : null;
    if (m) {
      const name = argPlaceholderRe.exec(m[1] ?? "")?.[1];
      const value = name === void 0 ? void 0 : secretArgs.get(name);
      const cannot = open === "" ? ['"', "'", "`", "\\", "\r", "\n"] : open === "#" ? ["\r", "\n"] : [open, "\\", "\r", "\n"];
      if (name !== void 0 && value !== void 0 && cannot.some((c) => value.includes(c))) out.add(name);
      i += m[0].length - 1;
      continue;
    }
    if (open === "") {
      if (ch === '"' || ch === "'" || ch === "`" || ch === "#") open = ch;
    } else if (open === "#") {
      if (ch === "\n" || ch === "\r") open = "";
    } else if (ch === "\\" && open !== "`") {
      i++;
    } else if (ch === open) {
      open = "";
    }
  }
  return [...out];
}
function substitute(text, values) {
  return text.replace(placeholderRe, (whole, inner) => {
    const name = argPlaceholderRe.exec(inner)?.[1];
    return name !== void 0 && Object.hasOwn(values, name) ? values[name] : whole;
  });
}
var DURATION = "a duration like 30s, 5m or 1h30m";
function duration(l, text, report, positive, timer = false) {
  let ms;
  try {
    ms = parseGoDuration(text.trim());
  } catch {
    report(l.at, `expected ${DURATION}, found ${quote(text)}`);
    return void 0;
  }
  if (!Number.isFinite(ms) || ms < 0 || positive && ms === 0) {
    report(l.at, `expected ${positive ? "a positive" : "a non-negative"} duration like 30s, 5m or 1h30m, found ${quote(text)}`);
    return void 0;
  }
  if (timer && ms > MAX_TIMER_MS) {
    report(l.at, `expected a duration of at most 596h31m23s (24.8 days, the longest wait a timer takes), found ${quote(text)}`);
    return void 0;
  }
  return ms;
}
function wholeNumber(l, text, report, min, what, max) {
  const t = text.trim();
  if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) {
    report(l.at, `expected ${what}, found ${quote(text)}`);
    return void 0;
  }
  const n = Number(t);
  if (n < min) {
    report(l.at, `expected ${what}, found ${n}`);
    return void 0;
  }
  if (max && n > max.n) {
    report(l.at, `expected ${max.what}, found ${n}`);
    return void 0;
  }
  return n;
}
function settleMetric(metric, value, r, opts, loading) {
  const get = (l) => value(l);
  const num = (l, min, what, max) => {
    const t = get(l);
    if (l === void 0 || t === void 0) return void 0;
    if (t === null) return null;
    return wholeNumber(l, t, r, min, what, max) ?? null;
  };
  const dur = (l, positive, timer = false) => {
    const t = get(l);
    if (l === void 0 || t === void 0) return void 0;
    if (t === null) return null;
    return duration(l, t, r, positive, timer) ?? null;
  };
  const count = num(metric.count, 1, "a whole number of measurements, 1 or more");
  const failureLimit = num(metric.failureLimit, 0, "a whole number, 0 or more (failureLimit: -1 is not supported)");
  const inconclusiveLimit = num(metric.inconclusiveLimit, 0, "a whole number, 0 or more");
  const consecutiveErrorLimit = num(metric.consecutiveErrorLimit, 0, "a whole number, 0 or more");
  const intervalMs = dur(metric.interval, true, true);
  const initialDelayMs = dur(metric.initialDelay, false, true);
  const timeoutS = num(metric.prometheus.timeout, 1, "a whole number of seconds, 1 or more", { n: MAX_TIMEOUT_S, what: `a timeout of at most ${MAX_TIMEOUT_S} seconds (24.8 days, the longest wait a timer takes)` });
  if (metric.interval && metric.count === void 0) {
    r(metric.interval.at, "interval without count measures until stopped, and a promotion gate must end: set count (the number of measurements)");
  }
  if (metric.interval === void 0 && typeof count === "number" && count > 1 && metric.count) {
    r(metric.count.at, `count ${count} needs an interval between the measurements`);
  }
  const effectiveCount = metric.count === void 0 ? 1 : count;
  const fl = metric.failureLimit === void 0 ? 0 : failureLimit;
  const il = metric.inconclusiveLimit === void 0 ? 0 : inconclusiveLimit;
  if (typeof effectiveCount === "number" && typeof fl === "number" && typeof il === "number" && fl + il >= effectiveCount) {
    const at = (metric.failureLimit ?? metric.inconclusiveLimit ?? metric.count ?? { at: metric.at }).at;
    r(at, `failureLimit (${fl}) + inconclusiveLimit (${il}) must be less than count (${effectiveCount}): otherwise every measurement could fail or be inconclusive and the metric would still be Successful`);
  }
  const out = {
    initialDelayMs: typeof initialDelayMs === "number" ? initialDelayMs : 0,
    count: typeof effectiveCount === "number" ? effectiveCount : 1,
    failureLimit: typeof fl === "number" ? fl : 0,
    inconclusiveLimit: typeof il === "number" ? il : 0,
    consecutiveErrorLimit: typeof consecutiveErrorLimit === "number" ? consecutiveErrorLimit : DEFAULT_CONSECUTIVE_ERROR_LIMIT
  };
  if (typeof intervalMs === "number") out.intervalMs = intervalMs;
  if (typeof timeoutS === "number") out.timeoutMs = timeoutS * 1e3;
  if (!loading) {
    for (const k of ["successCondition", "failureCondition"]) {
      const l = metric[k];
      const t = get(l);
      if (!l || typeof t !== "string") continue;
      try {
        out[k] = { text: t, expression: parseCondition(t) };
        if (!readsResult(out[k].expression)) r(l.at, UNREAD_CONDITION);
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        r(l.at, `cannot parse the condition after substituting args: ${err.message}`);
      }
    }
  }
  const rq = metric.prometheus.rangeQuery;
  if (rq) {
    const step = dur(rq.step, true);
    const exprs = [];
    for (const l of [rq.start, rq.end]) {
      const t = get(l);
      if (typeof t !== "string") {
        exprs.push(void 0);
        continue;
      }
      try {
        exprs.push(parseTimeExpression(t));
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        r(l.at, `cannot parse the time expression: ${err.message} (expected something like now() - duration("10m"))`);
        exprs.push(void 0);
      }
    }
    const [start, end] = exprs;
    if (start && end && typeof step === "number") {
      const stepSeconds = step / 1e3;
      out.rangeQuery = { start, end, stepSeconds };
      const window = rangeAt(out.rangeQuery, opts.nowMs, rq, r);
      if (window && !loading) out.range = window;
    }
  }
  return out;
}
function rangeAt(rq, nowMs, where, report) {
  let startMs;
  let endMs;
  try {
    startMs = evaluateTimeExpression(rq.start, nowMs);
  } catch (err) {
    report(where.start.at, `cannot evaluate ${quote(where.start.text)}: ${err.message}`);
    return void 0;
  }
  try {
    endMs = evaluateTimeExpression(rq.end, nowMs);
  } catch (err) {
    report(where.end.at, `cannot evaluate ${quote(where.end.text)}: ${err.message}`);
    return void 0;
  }
  if (!(endMs > startMs)) {
    report(where.end.at, `the range query ends (${quote(where.end.text)}) no later than it starts (${quote(where.start.text)})`);
    return void 0;
  }
  const points = (endMs - startMs) / 1e3 / rq.stepSeconds;
  if (points > MAX_RANGE_POINTS) {
    report(where.step.at, `the range query asks for ${Math.floor(points)} points per series; Prometheus refuses more than ${MAX_RANGE_POINTS}: use a larger step`);
    return void 0;
  }
  return { startMs, endMs, stepSeconds: rq.stepSeconds };
}
function rangeWindow(rq, nowMs) {
  const startMs = evaluateTimeExpression(rq.start, nowMs);
  const endMs = evaluateTimeExpression(rq.end, nowMs);
  if (!(endMs > startMs)) throw new Error(`the range query's end (${new Date(endMs).toISOString()}) is not after its start (${new Date(startMs).toISOString()})`);
  return { startMs, endMs, stepSeconds: rq.stepSeconds };
}
function secretEnvName(name, key) {
  const part = (s) => s.toUpperCase().replace(/[^A-Z0-9]/g, "_");
  return `FERRY_SECRET_${part(name)}_${part(key)}`;
}
function ferryArgs(template, values) {
  const out = {};
  for (const a of template.args) {
    const v = values[a.name];
    if (FERRY_ARGS.includes(a.name) && v !== void 0) out[a.name] = v;
  }
  return out;
}
function checkDeclaredArgs(template, given, field) {
  const declared = template.args.map((a) => a.name);
  const unknown = Object.keys(given).filter((name) => !declared.includes(name));
  if (unknown.length === 0) return;
  throw new ConfigurationError({
    file: template.file,
    field,
    message: `template ${quote(template.name)} declares no arg ${unknown.map((n) => quote(n)).join(", ")} (its args: ${declared.length ? declared.join(", ") : "none"})`
  });
}
function resolveAnalysis(template, args, options) {
  const problems = [];
  const report = (where, message) => problems.push(where.field ? { ...where, message } : { file: where.file, line: where.line, column: where.column, message });
  const secrets = [];
  const values = {};
  const secretArgs = /* @__PURE__ */ new Map();
  for (const a of template.args) {
    const given = Object.hasOwn(args, a.name) ? args[a.name] : void 0;
    if (given !== void 0) {
      values[a.name] = given;
      if (a.secretKeyRef) {
        secrets.push(given);
        secretArgs.set(a.name, given);
      }
    } else if (a.value !== void 0) {
      values[a.name] = a.value;
    } else if (a.secretKeyRef) {
      const envName = secretEnvName(a.secretKeyRef.name, a.secretKeyRef.key);
      const v = options.env[envName];
      if (v === void 0 || v === "") {
        report({ ...a.at, field: `${a.at.field}.valueFrom.secretKeyRef` }, `arg ${quote(a.name)} reads key ${quote(a.secretKeyRef.key)} of Secret ${quote(a.secretKeyRef.name)} from the environment variable ${envName}, which is ${v === "" ? "empty" : "not set"}`);
      } else {
        values[a.name] = v;
        secrets.push(v);
        secretArgs.set(a.name, v);
      }
    } else if (options.argsFrom === "--arg") {
      report({ ...a.at, field: `${a.at.field}.value` }, `arg ${quote(a.name)} has no value: the template gives no default and no --arg gives one; give it with --arg ${a.name}=<value>, or give it a default value`);
    } else {
      const supplied = FERRY_ARGS.includes(a.name) ? `Ferry supplies ${quote(a.name)} only when it has a value (a first promotion has no previous version)` : `Ferry supplies only ${FERRY_ARGS.join(", ")}`;
      report({ ...a.at, field: `${a.at.field}.value` }, `arg ${quote(a.name)} has no value: the template gives no default and ${supplied}; give it a default value`);
    }
  }
  let bearerToken;
  if (options.bearerTokenEnv !== void 0) {
    const t = options.env[options.bearerTokenEnv];
    if (t === void 0 || t === "") {
      problems.push({ field: "bearer-token-env", message: `the environment variable ${options.bearerTokenEnv} that should hold the Prometheus bearer token is ${t === "" ? "empty" : "not set"}` });
    } else {
      bearerToken = t;
      secrets.push(t);
    }
  }
  if (options.prometheusAddress !== void 0) rememberUserInfo(options.prometheusAddress);
  const addressAt = options.prometheusAddressAt ?? { field: "--prometheus" };
  if (options.prometheusAddress !== void 0 && !isHttpUrl(options.prometheusAddress)) {
    problems.push({ ...addressAt, message: `expected an http(s) URL like http://127.0.0.1:9090, found ${quote(withoutUserInfo(options.prometheusAddress))}` });
  }
  const value = (l) => l === void 0 ? void 0 : substitute(l.text, values);
  const metrics = [];
  for (const m of template.metrics) {
    const settled = settleMetric(m, value, report, { nowMs: options.nowMs }, false);
    let address = options.prometheusAddress;
    if (address === void 0) {
      const a = value(m.prometheus.address);
      if (a !== void 0 && a !== null) rememberUserInfo(a.trim());
      if (a === void 0 || a === null || a.trim() === "") {
        report({ ...m.at, field: `${m.at.field}.provider.prometheus.address` }, "no Prometheus address: the metric gives none, and none was given to Ferry (--prometheus, or prometheus.address in ferry.yaml)");
      } else if (!isHttpUrl(a.trim())) {
        report(m.prometheus.address.at, `expected an http(s) URL like http://prometheus.monitoring:9090, found ${quote(withoutUserInfo(a))}`);
      } else {
        address = a.trim();
      }
    }
    if (bearerToken !== void 0 && address !== void 0 && inTheClear(address)) {
      const message = plainHttpMessage(address, options.bearerTokenEnv);
      if (options.prometheusAddress !== void 0) {
        if (!problems.some((p) => p.message === message)) problems.push({ ...addressAt, message });
      } else {
        report(m.prometheus.address.at, message);
      }
    }
    const headers = {};
    for (const h of m.prometheus.headers) {
      const k = substitute(h.key.text, values).trim();
      const v = substitute(h.value.text, values);
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) report(h.key.at, `expected an HTTP header name, found ${quote(k)}`);
      else if (/[\r\n\0]/.test(v)) report(h.value.at, `a header value cannot hold a line break or a NUL character (header ${quote(k)})`);
      else headers[k] = v;
    }
    const resolved = {
      name: m.name,
      dryRun: m.dryRun,
      address: address ?? "",
      query: substitute(m.prometheus.query.text, values),
      headers,
      ...settled
    };
    if (bearerToken !== void 0) resolved.bearerToken = bearerToken;
    if (m.prometheus.sigv4) resolved.sigv4 = { region: substitute(m.prometheus.sigv4.region.text, values).trim() };
    else if (options.sigv4) resolved.sigv4 = options.sigv4;
    if (resolved.query.trim() === "") report(m.prometheus.query.at, "the query is empty after substituting args");
    for (const name of unquotableSecrets(m.prometheus.query.text, secretArgs)) {
      report(m.prometheus.query.at, `secret arg ${quote(name)} cannot be put into the query: its value holds a quote, a backslash or a line break, which would end or change the PromQL string literal it is placed in (Argo puts it in unescaped), and Prometheus would then quote part of the secret in its error; the value is not shown`);
    }
    metrics.push(resolved);
  }
  if (problems.length) {
    const masked = problems.map((p) => ({ ...p, message: maskSecrets(p.message, secrets) }));
    throw new ConfigurationError(masked);
  }
  return { template: template.name, file: template.file, metrics, secrets: [...new Set(secrets)] };
}
function inTheClear(address) {
  let url;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.protocol !== "http:") return false;
  const host = url.hostname.toLowerCase();
  return !(host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}
function plainHttpMessage(address, variable) {
  return `the Prometheus bearer token (from ${variable}) is not sent over plain http to ${quote(new URL(address).origin)}, where anyone on the way could read it: use an https:// address (http is taken only for a loopback address: 127.0.0.1, ::1 or localhost)`;
}
function userInfoSpan(address) {
  const slashes = address.indexOf("//");
  const start = slashes < 0 ? 0 : slashes + 2;
  const at = address.lastIndexOf("@");
  return at < start ? void 0 : { start, end: at };
}
function withoutUserInfo(address) {
  const span = userInfoSpan(address);
  return span ? `${address.slice(0, span.start)}***${address.slice(span.end)}` : address;
}
function rememberUserInfo(address) {
  const span = userInfoSpan(address);
  if (!span) return;
  const info = address.slice(span.start, span.end);
  const secrets = /\s/.test(info) ? [info.slice(info.indexOf(":") + 1)] : urlCredentials(`http://${info}@host`);
  for (const secret of secrets) rememberSecret(secret);
}
function isHttpUrl(text) {
  if (text.includes("#") || /\?.*@/.test(text)) return false;
  try {
    const u = new URL(text);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

// actions/src/core/analysis-run.ts
var ORDER = ["Successful", "Inconclusive", "Error", "Failed"];
function isWorse(current, candidate) {
  return ORDER.indexOf(candidate) > ORDER.indexOf(current);
}
var MetricState = class {
  constructor(metric, startedAt, secrets) {
    this.metric = metric;
    this.secrets = secrets;
    this.nextAt = startedAt + metric.initialDelayMs;
    this.run = {
      name: metric.name,
      phase: "Stopped",
      dryRun: metric.dryRun,
      count: metric.count,
      query: maskSecrets(metric.query, secrets),
      measurements: [],
      successful: 0,
      failed: 0,
      inconclusive: 0,
      errors: 0,
      consecutiveErrors: 0,
      message: ""
    };
    if (metric.successCondition) this.run.successCondition = maskSecrets(metric.successCondition.text, secrets);
    if (metric.failureCondition) this.run.failureCondition = maskSecrets(metric.failureCondition.text, secrets);
    if (metric.range) this.run.range = metric.range;
  }
  run;
  nextAt;
  done = false;
  /** Measurements that did not error (Argo's MetricResult.Count). */
  get counted() {
    return this.run.successful + this.run.failed + this.run.inconclusive;
  }
  /** `final`: the measurement's error is one a retry cannot change (the metric ends at once). */
  record(m, final = false) {
    if (m.message !== void 0) m.message = maskSecrets(m.message, this.secrets);
    if (m.warnings) m.warnings = m.warnings.map((w) => maskSecrets(w, this.secrets));
    this.run.measurements.push(m);
    switch (m.phase) {
      case "Successful":
        this.run.successful++;
        break;
      case "Failed":
        this.run.failed++;
        break;
      case "Inconclusive":
        this.run.inconclusive++;
        break;
      case "Error":
        this.run.errors++;
        this.run.consecutiveErrors++;
        break;
    }
    if (m.phase !== "Error") this.run.consecutiveErrors = 0;
    this.assess(m, final);
    if (!this.done) this.nextAt = m.finishedAt + (this.metric.intervalMs ?? ERROR_RETRY_INTERVAL_MS);
  }
  /** Argo's assessMetricStatus, after a completed measurement. */
  assess(last, final) {
    const r = this.run;
    const m = this.metric;
    const because = last.message ? `: last measurement ${last.phase}: ${last.message}` : "";
    let phase;
    let why = "";
    if (r.failed > m.failureLimit) {
      phase = "Failed";
      why = `failed (${r.failed}) > failureLimit (${m.failureLimit})${because}`;
    } else if (r.inconclusive > m.inconclusiveLimit) {
      phase = "Inconclusive";
      why = `inconclusive (${r.inconclusive}) > inconclusiveLimit (${m.inconclusiveLimit})${because}`;
    } else if (last.phase === "Error" && final) {
      phase = "Error";
      why = `the error cannot change on a retry, so the metric ends now (Argo would retry it up to consecutiveErrorLimit)${because}`;
    } else if (r.consecutiveErrors > m.consecutiveErrorLimit) {
      phase = "Error";
      why = `consecutive errors (${r.consecutiveErrors}) > consecutiveErrorLimit (${m.consecutiveErrorLimit})${because}`;
    } else if (this.counted >= m.count) {
      phase = "Successful";
      why = `${r.successful} of ${m.count} measurements successful`;
    }
    if (phase) {
      r.phase = phase;
      r.message = why;
      this.done = true;
    } else {
      r.message = `${this.counted} of ${m.count} measurements taken${because}`;
    }
  }
};
async function runAnalysis(analysis, deps) {
  const { clock, prometheus, signal } = deps;
  const secrets = analysis.secrets;
  const startedAt = clock.now();
  const states = analysis.metrics.map((m) => new MetricState(m, startedAt, secrets));
  const progress = (e) => {
    try {
      deps.onProgress?.(e);
    } catch {
    }
  };
  for (const s of states) progress({ metric: s.metric.name, measurement: 0, count: s.metric.count, errors: 0, nextInMs: s.nextAt - startedAt });
  let stoppedBy;
  while (!signal?.aborted) {
    const pending = states.filter((s) => !s.done);
    if (!pending.length) break;
    const now = clock.now();
    const due = pending.filter((s) => s.nextAt <= now);
    if (!due.length) {
      const wait = Math.min(...pending.map((s) => s.nextAt)) - now;
      try {
        await clock.sleep(wait, signal);
      } catch (err) {
        if (!signal?.aborted) throw err;
      }
      continue;
    }
    await Promise.all(due.map((s) => measure(s, prometheus, clock, signal, progress)));
    stoppedBy = states.find((s) => s.done && !s.metric.dryRun && s.run.phase !== "Successful");
    if (stoppedBy) break;
  }
  const interrupted = !stoppedBy && !!signal?.aborted && states.some((s) => !s.done);
  for (const s of states) {
    if (s.done) continue;
    if (interrupted) {
      s.run.phase = "Error";
      s.run.message = `interrupted after ${s.counted} of ${s.metric.count} measurements`;
    } else {
      s.run.phase = "Stopped";
      s.run.message = `stopped after ${s.counted} of ${s.metric.count} measurements: metric ${JSON.stringify(stoppedBy?.metric.name)} ended ${stoppedBy?.run.phase}, so the run could no longer be Successful`;
    }
  }
  const metrics = states.map((s) => s.run);
  const { phase, message } = runPhase(metrics, interrupted);
  return { template: analysis.template, phase, message: maskSecrets(message, secrets), startedAt, finishedAt: clock.now(), interrupted, metrics };
}
function runPhase(metrics, interrupted) {
  const deciding = metrics.filter((m) => !m.dryRun);
  const dry = metrics.filter((m) => m.dryRun);
  const drySummary = dry.length ? `; dry-run, not deciding: ${dry.map((m) => `${JSON.stringify(m.name)} ${m.phase}`).join(", ")}` : "";
  if (!deciding.length) return { phase: "Error", message: metrics.length ? `no metric decides: every metric is dry-run${drySummary}` : "the analysis has no metrics" };
  let worst2;
  for (const m of deciding) {
    if (m.phase === "Stopped") continue;
    if (!worst2 || isWorse(worst2.phase, m.phase)) worst2 = m;
  }
  if (interrupted) {
    const unfinished = deciding.filter((m) => m.message.startsWith("interrupted"));
    const first = unfinished[0] ?? deciding[0];
    return { phase: "Error", message: `interrupted: metric ${JSON.stringify(first.name)} ${first.message}${drySummary}` };
  }
  if (!worst2) return { phase: "Error", message: `no metric finished${drySummary}` };
  const phase = worst2.phase;
  if (phase === "Successful") {
    return { phase, message: `${deciding.length === 1 ? `metric ${JSON.stringify(worst2.name)}` : `all ${deciding.length} metrics`} Successful${drySummary}` };
  }
  return { phase, message: `metric ${JSON.stringify(worst2.name)} assessed ${phase}: ${worst2.message}${drySummary}` };
}
function queryRequest(m, range, secrets = []) {
  const q = { address: m.address, query: m.query };
  if (m.timeoutMs !== void 0) q.timeoutMs = m.timeoutMs;
  if (Object.keys(m.headers).length) q.headers = m.headers;
  if (m.bearerToken !== void 0) q.bearerToken = m.bearerToken;
  if (m.sigv4) q.sigv4 = m.sigv4;
  if (range) q.range = range;
  if (secrets.length) q.secrets = secrets;
  return q;
}
async function measure(s, prometheus, clock, signal, progress) {
  const m = s.metric;
  const startedAt = clock.now();
  let measurement;
  let final = false;
  try {
    const range = m.rangeQuery ? rangeWindow(m.rangeQuery, startedAt) : void 0;
    if (range) s.run.range = range;
    const result = await prometheus.query(queryRequest(m, range, s.secrets), signal);
    if (!range && result.resultType === "matrix") {
      final = true;
      measurement = {
        phase: "Error",
        startedAt,
        finishedAt: clock.now(),
        message: "Prometheus answered the instant query with a matrix (the query selects a range, such as metric[5m]); a matrix answers only a rangeQuery: aggregate the range in the query (avg_over_time(metric[5m]), …) or give the metric a rangeQuery"
      };
    } else {
      const verdict = evaluate(m, result.value);
      measurement = { phase: verdict.phase, startedAt, finishedAt: clock.now(), value: result.value };
      if (verdict.message) measurement.message = verdict.message;
      final = verdict.phase === "Error";
      if (range) measurement.series = maskSeries(result.series, s.secrets);
    }
    if (result.warnings?.length) measurement.warnings = [...result.warnings];
  } catch (err) {
    if (signal?.aborted) return;
    measurement = { phase: "Error", startedAt, finishedAt: clock.now(), message: err?.message ?? String(err) };
    const failure = err;
    final = failure?.retryable === false && failure.errorType !== "execution";
  }
  s.record(measurement, final);
  const e = { metric: m.name, measurement: s.counted, count: m.count, errors: s.run.errors, phase: measurement.phase };
  if (measurement.value !== void 0) e.value = measurement.value;
  if (!s.done) e.nextInMs = s.nextAt - measurement.finishedAt;
  progress(e);
}
function maskSeries(series, secrets) {
  if (secrets.length === 0) return series;
  return series.map((s) => {
    const labels = {};
    for (const [k, v] of Object.entries(s.labels)) labels[maskSecrets(k, secrets)] = maskSecrets(v, secrets);
    return {
      labels,
      get points() {
        return s.points;
      }
    };
  });
}
function outcome(c, value) {
  if (!c) return void 0;
  try {
    const o = evaluateCondition(c.expression, value);
    return o.unhandled ? { value: o.value, unhandled: o.unhandled } : { value: o.value };
  } catch (err) {
    return { error: err?.message ?? String(err) };
  }
}
var UNHANDLED = {
  empty: "the result is empty (no series matched)",
  nan: "the result is NaN",
  inf: "the result is infinite"
};
function examiners(value) {
  return typeof value === "number" ? "isNaN(result) or isInf(result)" : "len(result), isNaN(result[0]) or isInf(result[0])";
}
function evaluate(m, value) {
  const success = outcome(m.successCondition, value);
  const failure = outcome(m.failureCondition, value);
  const shown = formatValue(value);
  if (failure && "value" in failure && failure.value) {
    return { phase: "Failed", message: `failureCondition ${JSON.stringify(m.failureCondition.text)} is true for ${shown}` };
  }
  for (const [name, o, c] of [["successCondition", success, m.successCondition], ["failureCondition", failure, m.failureCondition]]) {
    if (o && "error" in o) return { phase: "Error", message: `cannot evaluate ${name} ${JSON.stringify(c.text)} for ${shown}: ${o.error}` };
  }
  for (const [name, o] of [["successCondition", success], ["failureCondition", failure]]) {
    if (o && "unhandled" in o && o.unhandled) {
      return { phase: "Inconclusive", message: `${UNHANDLED[o.unhandled]} and the ${name} does not check for that (use ${examiners(value)} to decide it)` };
    }
  }
  const s = success && "value" in success ? success.value : void 0;
  const f = failure && "value" in failure ? failure.value : void 0;
  if (s === void 0 && f === void 0) {
    return { phase: "Error", message: "the metric has neither successCondition nor failureCondition" };
  }
  if (s === void 0) return { phase: "Successful" };
  if (s) return { phase: "Successful" };
  if (f === void 0) return { phase: "Failed", message: `successCondition ${JSON.stringify(m.successCondition.text)} is false for ${shown}` };
  return { phase: "Inconclusive", message: `neither successCondition ${JSON.stringify(m.successCondition.text)} nor failureCondition ${JSON.stringify(m.failureCondition.text)} is true for ${shown}` };
}
function summarizeRun(result) {
  const parts = result.metrics.map((m) => {
    const words = [safe(m.name), m.phase, `${m.successful + m.failed + m.inconclusive}/${m.count}`];
    if (m.failed) words.push(`${m.failed} failed`);
    if (m.inconclusive) words.push(`${m.inconclusive} inconclusive`);
    if (m.errors) words.push(`${m.errors} ${m.errors === 1 ? "error" : "errors"}`);
    if (m.dryRun) words.push("dry-run");
    if (result.interrupted && m.phase === "Error" && m.message.startsWith("interrupted")) words.push("interrupted");
    const warned = m.measurements.filter((x) => x.warnings?.length).length;
    if (warned) words.push(`${warned} warned`);
    const last = m.measurements.findLast((x) => x.value !== void 0);
    if (last) words.push(`last ${safe(formatValue(last.value))}`);
    return words.join(" ");
  });
  return parts.join("; ").slice(0, 900);
}
function safe(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029();]/g, "-");
}
function progressLine(e, value, wait) {
  if (e.measurement === 0 && e.phase === void 0) {
    return `${e.count} measurement${e.count === 1 ? "" : "s"} to take, the first ${e.nextInMs ? `in ${wait(e.nextInMs)}` : "now"}`;
  }
  return `${progressText(e, value)}${e.nextInMs !== void 0 ? `; next in ${wait(e.nextInMs)}` : ""}`;
}
function progressText(e, value) {
  const which = e.phase === "Error" ? `error ${e.errors} (${e.measurement} of ${e.count} measurements taken)` : `measurement ${e.measurement} of ${e.count}${e.phase ? ` ${e.phase}` : ""}`;
  return `${which}${e.value !== void 0 ? ` ${value(e.value)}` : ""}`;
}

// actions/src/core/baseline-compare.ts
var DIRECTIONS = ["increase", "decrease", "either"];
var DEFAULT_THRESHOLDS = Object.freeze({ pass: 95, marginal: 75 });
var DEFAULT_CONFIDENCE = 0.95;
var MIN_SAMPLES = 3;
function erfc(x) {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= 2 * x * x / (2 * n + 1);
      sum += term;
    }
    return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
  }
  let f = x;
  for (let k = 100; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
function mannWhitneyU(candidate, baseline) {
  const n1 = candidate.length;
  const n2 = baseline.length;
  if (n1 === 0 || n2 === 0) throw new Error(`Mann-Whitney U test: needs at least one sample on each side, got ${n1} candidate and ${n2} baseline samples`);
  const values = [...candidate, ...baseline];
  if (!values.every(Number.isFinite)) throw new Error("Mann-Whitney U test: the samples contain NaN or Inf; drop them before testing");
  const total = n1 + n2;
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  let rankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < total; ) {
    let j = i;
    while (j + 1 < total && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (order[k] < n1) rankSum += rank;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u = rankSum - n1 * (n1 + 1) / 2;
  const variance = n1 * n2 / 12 * (total + 1 - tieTerm / (total * (total - 1)));
  if (!(variance > 0)) return { u, z: 0, pValue: 1 };
  const diff = u - n1 * n2 / 2;
  const z = Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5) / Math.sqrt(variance) + 0;
  return { u, z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}
function sortedMedian(s) {
  const n = s.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
function hodgesLehmannShift(candidate, baseline) {
  if (candidate.length === 0 || baseline.length === 0) return NaN;
  const c = Float64Array.from(candidate).sort();
  const b = Float64Array.from(baseline).sort();
  const pairs = c.length * b.length;
  if (pairs % 2) return kthDifference(c, b, (pairs + 1) / 2);
  return (kthDifference(c, b, pairs / 2) + kthDifference(c, b, pairs / 2 + 1)) / 2;
}
function countAtMost(c, b, t) {
  let count = 0;
  let j = 0;
  for (let i = 0; i < c.length; i++) {
    while (j < b.length && c[i] - b[j] > t) j++;
    count += b.length - j;
  }
  return count;
}
function kthDifference(c, b, k) {
  let lo = c[0] - b[b.length - 1];
  let hi = c[c.length - 1] - b[0];
  let below = countAtMost(c, b, lo);
  if (below >= k) return lo;
  let atHi = c.length * b.length;
  const few = Math.max(64, c.length + b.length);
  while (atHi - below > few) {
    const mid = lo / 2 + hi / 2;
    if (!(mid > lo && mid < hi)) return hi;
    const atMid = countAtMost(c, b, mid);
    if (atMid >= k) {
      hi = mid;
      atHi = atMid;
    } else {
      lo = mid;
      below = atMid;
    }
  }
  const band = [];
  let first = 0;
  let past = 0;
  for (let i = 0; i < c.length; i++) {
    while (first < b.length && c[i] - b[first] > hi) first++;
    while (past < b.length && c[i] - b[past] > lo) past++;
    for (let j = first; j < past; j++) band.push(c[i] - b[j]);
  }
  band.sort((x, y) => x - y);
  return band[k - below - 1];
}
function resolveSpec(spec, path, problems) {
  const at = (key) => path ? `${path}.${key}` : key;
  const s = spec ?? {};
  const bad = (key, expected, value) => {
    problems.push({ field: at(key), message: `expected ${expected}, found ${show(value)}` });
  };
  if (typeof s.metric !== "string" || s.metric.trim() === "") bad("metric", "a metric name", s.metric);
  if (!DIRECTIONS.includes(s.direction)) bad("direction", "one of increase, decrease, either", s.direction);
  const confidence = s.confidence ?? DEFAULT_CONFIDENCE;
  if (typeof confidence !== "number" || !(confidence > 0 && confidence < 1)) bad("confidence", "a number between 0 and 1 (exclusive), such as 0.95", s.confidence);
  const effectSize = s.effectSize ?? 0;
  if (typeof effectSize !== "number" || !(effectSize >= 0 && effectSize < Infinity)) bad("effectSize", "a finite number >= 0, such as 0.1 for 10%", s.effectSize);
  const weight = s.weight ?? 1;
  if (typeof weight !== "number" || !(weight > 0 && weight < Infinity)) bad("weight", "a finite number > 0", s.weight);
  if (s.critical !== void 0 && typeof s.critical !== "boolean") bad("critical", "true or false", s.critical);
  return { metric: String(s.metric), direction: s.direction, confidence, effectSize, weight, critical: s.critical === true };
}
function show(value) {
  return quote(typeof value === "number" ? String(value) : value);
}
function throwIfAny(problems) {
  if (problems.length) throw new ConfigurationError(problems);
}
function summarize(sorted, dropped) {
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, median: sortedMedian(sorted), mean: sorted.length ? sum / sorted.length : NaN, dropped };
}
function countNonFinite(values) {
  const counts = { nan: 0, plusInf: 0, minusInf: 0 };
  for (const v of values) {
    if (Number.isNaN(v)) counts.nan++;
    else if (v === Infinity) counts.plusInf++;
    else if (v === -Infinity) counts.minusInf++;
  }
  return counts;
}
function compareResolved(spec, candidate, baseline) {
  const c = candidate.filter(Number.isFinite);
  const b = baseline.filter(Number.isFinite);
  const cs = Float64Array.from(c).sort();
  const bs = Float64Array.from(b).sort();
  const alpha = 1 - spec.confidence;
  const base = {
    metric: spec.metric,
    candidate: summarize(cs, candidate.length - c.length),
    baseline: summarize(bs, baseline.length - b.length),
    direction: spec.direction,
    alpha,
    effectSize: spec.effectSize,
    weight: spec.weight,
    critical: spec.critical
  };
  const bad = spec.direction === "increase" ? "(increase is bad)" : spec.direction === "decrease" ? "(decrease is bad)" : "(any change is bad)";
  const none = { u: NaN, z: NaN, pValue: NaN, shift: NaN, effect: NaN };
  if (base.candidate.dropped || base.baseline.dropped) {
    const cn = countNonFinite(candidate);
    const bn = countNonFinite(baseline);
    const seen = `${seenNote("candidate", cn, candidate.length)}, ${seenNote("baseline", bn, baseline.length)}`;
    const worstUp = spec.direction !== "decrease" ? cn.plusInf : 0;
    const worstDown = spec.direction !== "increase" ? cn.minusInf : 0;
    if (worstUp || worstDown) {
      const worst2 = [...worstUp ? ["+Inf"] : [], ...worstDown ? ["-Inf"] : []].join(" and ");
      return { ...base, ...none, verdict: "fail", reason: `${worst2} in the candidate is the worst reading ${bad}; ${seen}` };
    }
    return {
      ...base,
      ...none,
      verdict: "nodata",
      reason: `nodata: NaN or Inf samples cannot be compared, and a comparison does not pass on samples it leaves out; ${seen}`
    };
  }
  if (c.length < MIN_SAMPLES || b.length < MIN_SAMPLES) {
    return {
      ...base,
      ...none,
      verdict: "nodata",
      reason: `nodata: ${c.length} candidate and ${b.length} baseline samples, at least ${MIN_SAMPLES} needed on each side`
    };
  }
  const floor = mannWhitneyU(Array.from({ length: c.length }, (_, i) => b.length + i + 1), Array.from({ length: b.length }, (_, i) => i + 1)).pValue;
  if (!(floor < alpha)) {
    return {
      ...base,
      verdict: "nodata",
      u: NaN,
      z: NaN,
      pValue: NaN,
      shift: NaN,
      effect: NaN,
      reason: `nodata: ${c.length} candidate and ${b.length} baseline samples cannot show a change at confidence ${formatNumber(spec.confidence)} (smallest possible p=${formatP(floor)})`
    };
  }
  const { u, z, pValue } = mannWhitneyU(c, b);
  const shift = hodgesLehmannShift(c, b);
  const level = Math.abs(base.baseline.median);
  const effect = level > 0 ? shift / level : shift === 0 ? 0 : Math.sign(shift) * Infinity;
  const p = `p=${formatP(pValue)}`;
  const a = formatNumber(alpha);
  const change = formatPercent(effect) + (level === 0 && shift !== 0 ? " (baseline median is 0)" : "");
  let verdict = "pass";
  let why;
  if (!(pValue < alpha)) {
    why = `${p}>=${a}, ${change}: no significant change ${bad}`;
  } else if (z > 0 && spec.direction === "decrease" || z < 0 && spec.direction === "increase") {
    why = `${p}<${a}, ${change}: ${z > 0 ? "higher" : "lower"} is fine ${bad}`;
  } else {
    const tolerance = spec.effectSize === 0 ? "0%" : `${z > 0 ? "+" : "-"}${formatNumber(spec.effectSize * 100)}%`;
    if (level === 0 && shift === 0) {
      verdict = "fail";
      why = `${p}<${a}, ${change} (baseline median is 0): a significant ${z > 0 ? "rise" : "fall"} from a baseline median of 0 fails whatever the ${tolerance} tolerance ${bad}`;
    } else if (Math.abs(effect) >= spec.effectSize) {
      verdict = "fail";
      why = `${p}<${a}, ${change} ${z > 0 ? ">=" : "<="} ${tolerance} ${bad}`;
    } else {
      why = `${p}<${a}, ${change} within the ${tolerance} tolerance ${bad}`;
    }
  }
  return { ...base, verdict, u, z, pValue, shift, effect, reason: why };
}
function judge(specs, series, thresholds = DEFAULT_THRESHOLDS) {
  const problems = [];
  if (!Array.isArray(specs) || specs.length === 0) problems.push({ field: "metrics", message: "expected at least one metric to compare, found none" });
  const resolved = (Array.isArray(specs) ? specs : []).map((s2, i) => resolveSpec(s2, `metrics[${i}]`, problems));
  const seen = /* @__PURE__ */ new Map();
  resolved.forEach((s2, i) => {
    const first = seen.get(s2.metric);
    if (first !== void 0) problems.push({ field: `metrics[${i}].metric`, message: `${quote(s2.metric)} is already compared by metrics[${first}]` });
    else seen.set(s2.metric, i);
  });
  const t = thresholds ?? {};
  const okPercent = (v) => typeof v === "number" && v >= 0 && v <= 100;
  if (!okPercent(t.pass)) problems.push({ field: "thresholds.pass", message: `expected a score from 0 to 100, found ${show(t.pass)}` });
  if (!okPercent(t.marginal)) problems.push({ field: "thresholds.marginal", message: `expected a score from 0 to 100, found ${show(t.marginal)}` });
  else if (okPercent(t.pass) && t.marginal > t.pass) problems.push({ field: "thresholds.marginal", message: `expected at most the pass threshold ${t.pass}, found ${show(t.marginal)}` });
  throwIfAny(problems);
  const { pass, marginal } = t;
  const metrics = resolved.map((s2) => {
    const pair = series.get(s2.metric);
    if (pair) return compareResolved(s2, pair.candidate ?? [], pair.baseline ?? []);
    return {
      ...compareResolved(s2, [], []),
      reason: `nodata: no candidate and baseline series for ${quote(s2.metric)}`
    };
  });
  let all = 0;
  let passed = 0;
  for (const m of metrics) {
    all += m.weight;
    if (m.verdict === "pass") passed += m.weight;
  }
  const score = Math.round(1e11 * passed / all) / 1e9;
  const failed = metrics.filter((m) => m.verdict !== "pass");
  const criticals = failed.filter((m) => m.critical);
  const list = failed.map((m) => m.metric + (m.verdict === "nodata" ? " (nodata)" : "") + (m.critical ? " (critical)" : "")).join(", ");
  const s = formatScore(score);
  const tail = failed.length ? `; failed: ${list}` : `; ${metrics.length} of ${metrics.length} metrics pass`;
  if (criticals.length) {
    return { verdict: "fail", score, metrics, reason: `fail: critical metric ${criticals.map((m) => m.metric).join(", ")} did not pass (score ${s})${tail}` };
  }
  if (score >= pass) return { verdict: "pass", score, metrics, reason: `pass: score ${s} >= ${pass}${tail}` };
  if (score >= marginal) return { verdict: "marginal", score, metrics, reason: `marginal: score ${s} < ${pass} and >= ${marginal}${tail}` };
  return { verdict: "fail", score, metrics, reason: `fail: score ${s} < ${marginal}${tail}` };
}
function seenNote(side, counts, total) {
  const kinds = [[counts.nan, "NaN"], [counts.plusInf, "+Inf"], [counts.minusInf, "-Inf"]].filter(([k]) => k > 0);
  return `${side} ${kinds.length ? kinds.map(([k, name]) => `${k} ${name}`).join(", ") : "no NaN/Inf"} of ${total} sample${total === 1 ? "" : "s"}`;
}
function formatNumber(x) {
  return String(Number(x.toPrecision(6)));
}
function formatP(p) {
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}
function formatPercent(x) {
  if (!Number.isFinite(x)) return `${x > 0 ? "+" : "-"}inf%`;
  return `${x < 0 ? "-" : "+"}${(Math.abs(x) * 100).toFixed(1)}%`;
}
function formatScore(score) {
  return String(Math.floor(score * 100 + 1e-6) / 100);
}

// actions/src/core/promote.ts
import { createHash } from "node:crypto";
var GATE_NAMES = ["soak", "approvals", "freeze", "analysis", "compare", "blocked"];
function targetRollbacks(changes, env) {
  const keyOf = (app, image) => {
    const digest = image === void 0 ? void 0 : imageParts(image).digest;
    return digest === void 0 ? void 0 : `${app}\0${digest}`;
  };
  const pins = changes.flatMap((entry) => pinEvents([entry]).filter((pin) => pin.env === env).map((pin) => ({ entry, pin })));
  const first = /* @__PURE__ */ new Map();
  const placed = /* @__PURE__ */ new Map();
  for (let i = pins.length - 1, at = 0; i >= 0; i--, at += 2) {
    const { pin } = pins[i];
    const before = keyOf(pin.app, pin.previousImage);
    const after = keyOf(pin.app, pin.image);
    if (before !== void 0 && !first.has(before)) first.set(before, at);
    if (after !== void 0 && !first.has(after)) first.set(after, at + 1);
    placed.set(pin, at + 1);
  }
  const goesBack = (pin) => {
    const to = first.get(keyOf(pin.app, pin.image) ?? "");
    const from = first.get(keyOf(pin.app, pin.previousImage) ?? "");
    return to === void 0 || to >= placed.get(pin) || from === void 0 || to < from;
  };
  const decided = /* @__PURE__ */ new Map();
  const decide = (app, image, note) => {
    const key = keyOf(app, image);
    if (key !== void 0 && !decided.has(key)) decided.set(key, note);
  };
  for (const { entry, pin } of pins) {
    decide(pin.app, pin.image, null);
    if (pin.action !== "rollback" || !goesBack(pin)) continue;
    const by = entry.trailers.get("Ferry-Requested-By")?.[0];
    const reason = entry.trailers.get("Ferry-Reason")?.[0];
    decide(pin.app, pin.previousImage, { env, commit: entry.commit, date: entry.date, ...by !== void 0 ? { by } : {}, ...reason !== void 0 ? { reason } : {} });
  }
  return (app, digest) => decided.get(`${app}\0${digest}`) ?? void 0;
}
function unusedOverride(result, override) {
  if (!override || result.override || !result.gates.some((g) => g.gate === override.gate && g.verdict === "pass")) return void 0;
  return `the ${override.gate} gate passed: its override is not recorded (an override is for a gate that does not pass)`;
}
var GateError = class extends Error {
  constructor(result) {
    super(`promotion to ${quote(result.to)} stopped by gates: ${result.gates.filter((g) => g.verdict !== "pass").map((g) => `${g.gate}=${g.verdict} (${g.reason})`).join("; ")}; nothing written (${stoppedAdvice(result)})`);
    this.result = result;
    this.name = "GateError";
  }
};
function stoppedAdvice(result) {
  const blocked = result.promotions.filter((p) => p.blocked).map((p) => p.app);
  if (!blocked.length) {
    const override = "--override <gate> --reason <text> records an exception";
    const stopping = (result.gates ?? []).filter((g) => g.verdict !== "pass" && g.gate !== result.override?.gate);
    const short = stopping.find((g) => g.gate === "soak" && g.verdict === "fail")?.shortOfTime ?? [];
    if (!short.length) return override;
    const passes = result.promotions.length === 1 ? `soak passes at ${utc(short[0].passesAt)}` : `soak passes for ${short.map((s) => `${s.app} at ${utc(s.passesAt)}`).join(", ")}`;
    const others2 = result.promotions.filter((p) => !short.some((s) => s.app === p.app)).map((p) => `--app ${p.app}`);
    return others2.length && stopping.length === 1 ? `${passes}; promote the others by name now (${others2.join(" ")}), or ${override}` : `${passes}; ${override}`;
  }
  const others = result.promotions.filter((p) => !p.blocked).map((p) => `--app ${p.app}`);
  const leave = `leave ${blocked.join(", ")} out${others.length ? ` and promote the others by name (${others.join(" ")})` : ""}`;
  return `a blocked digest cannot be overridden: ${leave}, or \`ferry unblock\` it first`;
}
function isRequester(req, name) {
  return req.requestedBy !== void 0 && personKey(name) === personKey(req.requestedBy);
}
function awaitsApprovals(req, gate) {
  return req.proposal === true && gate.gate === "approvals" && gate.verdict === "fail" && !req.approvedBy.some((a) => isRequester(req, a));
}
function checkPromoteRequest(req) {
  if (req.all === req.apps.length > 0) throw new ConfigurationError({ field: "app", message: req.all ? "give --app or --all, not both" : "give --app <app> (one or more) or --all" });
  const twice = req.apps.find((app2, i) => req.apps.indexOf(app2) !== i);
  if (twice !== void 0) throw new ConfigurationError({ field: "app", message: `${quote(twice)} is given more than once` });
  if (req.requestedBy !== void 0) assertSingleLine(req.requestedBy, "requested-by", 200);
  req.approvedBy.forEach((a) => assertSingleLine(a, "approved-by", 200));
  for (const [field, name] of [["requested-by", req.requestedBy], ...req.approvedBy.map((a) => ["approved-by", a])]) {
    if (name !== void 0 && !isGitHubLogin(name)) throw new ConfigurationError({ field, message: `expected a GitHub login (letters, digits and hyphens, at most 39; an app as name[bot]), found ${quote(name)}` });
  }
  const app = req.approvedBy.find(isAppLogin);
  if (app !== void 0) throw new ConfigurationError({ field: "approved-by", message: `${quote(app)} is a GitHub App, not a person: the approvals gate counts people other than the requester` });
  if (req.override) {
    const overridable = GATE_NAMES.filter((g) => g !== "blocked");
    if (req.override.gate === "blocked") throw new ConfigurationError({ field: "override", message: "a blocked digest cannot be overridden: leave its app out (--all leaves it out; or name the others with --app), or `ferry unblock` it first (a change of its own, reviewed and audited like any other)" });
    if (!overridable.includes(req.override.gate)) throw new ConfigurationError({ field: "override", message: `expected one of ${overridable.join(", ")}, found ${quote(req.override.gate)}` });
    assertSingleLine(req.override.reason, "reason", 500);
  }
  if (req.runUrl !== void 0) assertSingleLine(req.runUrl, "run-url", 500);
  expectedApps(req.expect ?? []);
}
var EXPECTED_ITEM = /^([^@\s]+)@(?:(sha256:[0-9a-f]{64}|none|ref-sha256:[0-9a-f]{64})\.\.)?(sha256:[0-9a-f]{64})$/;
var NO_DIGEST = "none";
var REF_HASH = "ref-sha256:";
function expectedApps(items) {
  const apps = [];
  for (const item of items) {
    const match = EXPECTED_ITEM.exec(item);
    if (!match) throw new ConfigurationError({ field: "expect", message: `expected <app>@${DIGEST} (or <app>@<the target's digest, ref-sha256:<64 hex>, or none>..${DIGEST}), found ${quote(item, 300)}` });
    const [, app, target, digest] = match;
    if (apps.some((a) => a.app === app)) throw new ConfigurationError({ field: "expect", message: `${quote(app)} is given more than once` });
    apps.push({ app, image: digest, digest, ...target !== void 0 ? { target } : {} });
  }
  return apps;
}
function planExpect(promotions) {
  if (!promotions.length) return void 0;
  return promotions.map((p) => `${p.app}@${targetBinding(p.previousImage)}..${p.digest}`).join(",");
}
function targetBinding(previousImage) {
  if (!previousImage) return NO_DIGEST;
  return targetDigest(previousImage) || `${REF_HASH}${createHash("sha256").update(previousImage, "utf8").digest("hex")}`;
}
function describeBinding(target) {
  if (target === NO_DIGEST) return "nothing";
  if (target.startsWith(REF_HASH)) return `the reference the plan read (${target.slice(0, REF_HASH.length + 12)}, no sha256 digest)`;
  return describePinned(target);
}
function targetDigest(previousImage) {
  const digest = imageParts(previousImage).digest;
  return digest !== void 0 && /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : "";
}
var CLOCK_SKEW_MS = 5 * 6e4;
var UNITS = [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]];
function formatDuration(ms, finest = 86400) {
  let s = Math.max(0, Math.floor(ms / 1e3));
  const parts = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(s / size);
    s %= size;
    if (n && (parts.length < 2 || size >= finest)) parts.push(`${n}${unit}`);
  }
  return parts.length ? parts.join("") : "0s";
}
function finestUnit(ms) {
  const s = Math.floor(ms / 1e3);
  return s % 60 ? 1 : s % 3600 ? 60 : s % 86400 ? 3600 : 86400;
}
function hasMeasuredGates(config, to) {
  return measuredGateNames(findEnvironment(config, to, "to").gates).length > 0;
}
function promotionKeys(promotions) {
  return promotions.map((p) => `${p.app}@${p.digest}`).sort();
}
function plannedApps(promotions) {
  return promotions.map(({ app, image, digest, previousImage }) => ({ app, image, digest, previousImage }));
}
function describePinned(image) {
  if (!image) return "(none)";
  if (/^sha256:[0-9a-f]{64}$/.test(image)) return shortDigest(image);
  const { tag, digest } = imageParts(image);
  return digest ? describeImage({ ...tag !== void 0 ? { tag } : {}, digest }) : quote(image, 200);
}
function planChangeList(planned, now) {
  const changes = [];
  const push = (app, manifest, text) => changes.push({ app, ...manifest ? { manifest } : {}, text });
  const source = (p, is) => p.previousImage === void 0 ? `${p.app}: expected ${describePinned(p.image)} (--expect), ${now.from} pins ${describePinned(is)}` : `${p.app}: ${now.from} pinned ${describePinned(p.image)} when planned, now ${describePinned(is)}`;
  const target = (app, was, is) => `${app}: ${now.to} pinned ${describePinned(was)} when planned, now ${describePinned(is)}`;
  for (const p of planned) {
    const promoted = now.promotions.find((x) => x.app === p.app);
    const unchanged = now.unchanged?.find((x) => x.app === p.app);
    const left = now.leftOut?.find((x) => x.app === p.app);
    if (promoted) {
      if (promoted.digest !== p.digest) push(p.app, "source", source(p, promoted.image));
      if (p.previousImage !== void 0 && promoted.previousImage !== p.previousImage && !sameDigest(p.previousImage, promoted.previousImage)) push(p.app, "target", target(p.app, p.previousImage, promoted.previousImage));
      if (p.previousImage === void 0 && p.target !== void 0 && targetBinding(promoted.previousImage) !== p.target) {
        push(p.app, "target", `${p.app}: expected ${now.to} to pin ${describeBinding(p.target)} (--expect), ${now.to} pins ${describePinned(promoted.previousImage)}`);
      }
    } else if (unchanged) {
      if (imageParts(unchanged.image).digest !== p.digest) {
        push(p.app, "source", `${source(p, unchanged.image)}, which ${now.to} pins already: nothing to promote of it`);
      }
    } else if (left) {
      if (left.digest !== p.digest) push(p.app, "source", source(p, left.image));
      push(p.app, void 0, left.kind === "undeployed" ? `${p.app}: its pin in ${now.to} would never be deployed now (${formatProblem(left.problem)}): --all leaves it out` : left.kind === "source-undeployed" ? `${p.app}: its pin in ${now.from} is never deployed now, ${now.from} never ran that digest (${formatProblem(left.problem)}): --all leaves it out` : `${p.app}: ${describePinned(left.image)} is ${blockedText(left.blocked)} now: --all leaves it out`);
    } else {
      push(p.app, void 0, `${p.app}: ${p.previousImage === void 0 ? "expected (--expect)" : "planned"}, now not among the apps ${now.from} -> ${now.to} promotes`);
    }
  }
  for (const x of now.promotions) {
    if (!planned.some((p) => p.app === x.app)) push(x.app, void 0, `${x.app}: not in the plan, now ${now.to} would go from ${describePinned(x.previousImage)} to ${describePinned(x.image)}`);
  }
  return changes;
}
function sameDigest(a, b) {
  const digest = imageParts(a).digest;
  return digest !== void 0 && digest === imageParts(b).digest;
}
function tagOnlyChanges(planned, now) {
  const found = [];
  for (const p of planned) {
    const x = now.promotions.find((y) => y.app === p.app);
    if (!x) continue;
    const only = (env, was, is) => `${p.app}: only the tag changed in ${env}: ${describePinned(was)} when planned, now ${describePinned(is)}`;
    if (x.image !== p.image && sameDigest(x.image, p.image)) found.push({ app: p.app, env: now.from, manifest: "source", text: only(now.from, p.image, x.image) });
    if (x.previousImage !== p.previousImage && sameDigest(x.previousImage, p.previousImage)) found.push({ app: p.app, env: now.to, manifest: "target", text: only(now.to, p.previousImage, x.previousImage) });
  }
  return found;
}
function blockedText(block) {
  return `blocked for app ${quote(block.app)}${block.by ? ` by ${block.by}` : ""}${block.at ? ` at ${block.at}` : ""}: ${block.reason}`;
}
function givenFor(req, measured) {
  const approvers = distinctPeople(req.approvedBy).length;
  const given = [
    ...approvers ? [{ what: approvers > 1 ? "the approvals" : "the approval", many: approvers > 1 }] : [],
    ...req.override ? [{ what: "the override", many: false }] : [],
    ...measured && measured !== "defer" ? [{ what: "the analysis verdicts", many: true }] : []
  ];
  if (!given.length) return "";
  const named = given.map((g) => g.what);
  const were = given.length > 1 || given[0].many ? "were" : "was";
  return ` (${named.length > 1 ? `${named.slice(0, -1).join(", ")} and ${named.at(-1)}` : named[0]} ${were} for the plan made first)`;
}
var EXPECTED = "expected";
var PlanChangedError = class extends RefusedError {
  constructor(req, changes, since, measured) {
    super(since === EXPECTED ? `the promotion from ${req.from} to ${req.to} is not the plan expected (the plan shown, which its approvals were given for): ${changes.join("; ")}; nothing written. Look first (ferry status, ferry history); a new run plans again on what is there now, to be shown and approved` : `the promotion from ${req.from} to ${req.to} changed ${since}: ${changes.join("; ")}; nothing written${givenFor(req, measured)}. Look first (ferry status, ferry history); a new run plans again on what is there now`);
  }
};
function instant(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
function evaluateGates(config, req, promotions, blocked, time, measured, leftOut = 0) {
  const now = time instanceof Date ? time : time.now;
  const dated = time instanceof Date || time.commit === void 0 || Math.floor(time.commit.getTime() / 1e3) === Math.floor(now.getTime() / 1e3) ? void 0 : time.commit;
  const gates = findEnvironment(config, req.to, "to").gates ?? {};
  const verdicts = [];
  verdicts.push(blocked.length ? { gate: "blocked", verdict: "fail", reason: `blocked: ${blocked.join(", ")}` } : { gate: "blocked", verdict: "pass", reason: leftOut ? "no digest promoted is blocked" : "no digest is blocked" });
  if (gates.soak !== void 0) {
    const need = parseDuration(gates.soak);
    const at = dated && dated.getTime() < now.getTime() ? dated : now;
    const measuredAt = !dated ? "" : at === dated ? ` at the commit's date ${instant(dated)}` : ` now ${instant(now)}, the commit dated later ${instant(dated)}`;
    const pinned = (p) => Date.parse(p.sourceDate);
    const ageOf = (p) => ({ app: p.app, age: Math.max(0, at.getTime() - pinned(p)), since: pinned(p) });
    const age = (ms) => formatDuration(ms, finestUnit(need));
    const unknown = promotions.filter((p) => p.sourceDate === void 0);
    const unreadable = promotions.filter((p) => p.sourceDate !== void 0 && Number.isNaN(pinned(p)));
    const several = promotions.length > 1;
    if (unknown.length) {
      const why = unknown.map((p) => `${several ? `${p.app}: ` : ""}${p.sourceUnknown ?? "no Ferry pin put the digest there"}`).join("; ");
      verdicts.push({ gate: "soak", verdict: "error", reason: `cannot tell since when ${unknown.map((p) => p.app).join(", ")} ran in ${req.from}: ${why}` });
    } else if (unreadable.length) {
      const why = unreadable.map((p) => `${p.app} pinned by ${p.sourceCommit?.slice(0, 12) ?? "a commit"} dated ${JSON.stringify(p.sourceDate)}, a date that cannot be read`).join("; ");
      verdicts.push({ gate: "soak", verdict: "error", reason: `cannot tell how long ${unreadable.map((p) => p.app).join(", ")} ran in ${req.from}: ${why}` });
    } else if (promotions.some((p) => pinned(p) - now.getTime() > CLOCK_SKEW_MS)) {
      const ahead = promotions.filter((p) => pinned(p) - now.getTime() > CLOCK_SKEW_MS);
      const short = promotions.filter((p) => !ahead.includes(p)).map(ageOf).filter((a) => a.age < need);
      const aheadBy = ahead.map((p) => `${p.app} pinned at ${p.sourceDate}, ${formatDuration(Math.ceil((pinned(p) - now.getTime()) / 1e3) * 1e3)} after now`).join("; ");
      verdicts.push({ gate: "soak", verdict: "error", reason: `cannot tell how long ${ahead.map((p) => p.app).join(", ")} ran in ${req.from}: ${aheadBy} (a commit date set by hand, or a clock that is wrong)${short.length ? `; short of the time: ${short.map((a) => `${age(a.age)}<${gates.soak} (${a.app})`).join(", ")}${measuredAt}` : ""}` });
    } else {
      const ages = promotions.map(ageOf).sort((a, b) => a.age - b.age);
      const short = ages.filter((a) => a.age < need);
      const shown = (a, op) => `${age(a.age)}${op}${gates.soak}${several ? ` (${a.app})` : ""}`;
      const shortOfTime = short.flatMap((a) => {
        const passes = new Date(Math.ceil((a.since + need) / 1e3) * 1e3);
        return Number.isNaN(passes.getTime()) ? [] : [{ app: a.app, passesAt: instant(passes) }];
      });
      verdicts.push(short.length ? { gate: "soak", verdict: "fail", reason: `${short.map((a) => shown(a, "<")).join(", ")}${measuredAt}`, shortOfTime } : { gate: "soak", verdict: "pass", reason: `${shown(ages[0], ">=")}${measuredAt}` });
    }
  }
  if (gates.approvals !== void 0 && gates.approvals > 0 && req.requestedBy === void 0) {
    verdicts.push({ gate: "approvals", verdict: "error", reason: "no requester given, so no approval can be told apart from the requester's own: give --requested-by, as the actions do with the run's actor" });
  } else if (gates.approvals !== void 0 && gates.approvals > 0) {
    const approvers = distinctPeople(req.approvedBy);
    const self = approvers.some((a) => isRequester(req, a));
    const counted = approvers.filter((a) => !isRequester(req, a));
    const ok = counted.length >= gates.approvals;
    verdicts.push({ gate: "approvals", verdict: ok ? "pass" : "fail", reason: `${counted.length}/${gates.approvals}${self ? ", the requester's own approval does not count" : ""}` });
  }
  if (gates.freeze?.length) {
    const active2 = gates.freeze.find((w) => inFreeze(w, now));
    const activeDated = dated && gates.freeze.find((w) => inFreeze(w, dated));
    const windows = `${gates.freeze.length} freeze window${gates.freeze.length === 1 ? "" : "s"}`;
    verdicts.push(active2 ? { gate: "freeze", verdict: "fail", reason: `frozen ${active2.from} to ${active2.to} ${active2.timezone}, now ${localTime(now, active2.timezone).text}` } : activeDated ? { gate: "freeze", verdict: "fail", reason: `frozen ${activeDated.from} to ${activeDated.to} ${activeDated.timezone} at the commit's date ${instant(dated)}, ${localTime(dated, activeDated.timezone).text} there, though not now` } : { gate: "freeze", verdict: "pass", reason: dated ? `outside ${windows} now and at the commit's date ${instant(dated)}` : `outside ${windows}` });
  }
  if (measured === "defer") return verdicts;
  for (const gate of measuredGateNames(gates)) {
    const found = measured?.verdicts.find((v) => v.gate === gate);
    verdicts.push(found ?? { gate, verdict: "error", reason: "not measured: no analysis ran for this promotion" });
  }
  return verdicts;
}
var GATE_TRAILER_MAX = 1e3;
var REASON_MIN = 24;
function gateTrailer(verdicts) {
  const line = (reasons2) => verdicts.map((v, i) => `${v.gate}=${v.verdict}(${reasons2[i]})`).join(" ");
  const clean = (text) => text.replace(/[()]/g, "");
  const full = line(verdicts.map((v) => clean(v.reason)));
  if (full.length <= GATE_TRAILER_MAX) return full;
  const reasons = verdicts.map((v) => clean(v.record ?? v.reason));
  const recorded = line(reasons);
  if (recorded.length <= GATE_TRAILER_MAX) return recorded;
  const cuttable = verdicts.map((v) => v.gate !== "analysis");
  const at = (cap) => reasons.map((r, i) => cuttable[i] ? cutReason(r, cap) : r);
  let [low, high] = [REASON_MIN, Math.max(REASON_MIN, ...reasons.map((r) => r.length))];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (line(at(mid)).length <= GATE_TRAILER_MAX) low = mid;
    else high = mid - 1;
  }
  return line(at(low));
}
function cutReason(text, cap) {
  if (text.length <= cap) return text;
  let head = text.slice(0, cap - 1);
  const word = head.replace(/[\s,;:]+[^\s,;:]*$/, "");
  if (word.length >= cap / 2) head = word;
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head.trimEnd()}…`;
}
async function planPromote(snapshot, req, since, now, measured, rolledBack, planned, changedBy) {
  checkPromoteRequest(req);
  const config = await readConfig(snapshot);
  findEnvironment(config, req.from, "from");
  const target = findEnvironment(config, req.to, "to");
  if (target.promoteFrom !== req.from) {
    const next = config.environments.filter((e) => e.promoteFrom === req.from).map((e) => quote(e.name));
    const instead = next.length ? `from ${quote(req.from)}, promote --to ${next.join(" or ")}` : `nothing is promoted from ${quote(req.from)}`;
    if (!target.promoteFrom) throw new ConfigurationError({ field: "to", message: `${quote(req.to)} is the first environment: nothing is promoted into it (its images are pinned with ferry bump); ${instead}` });
    throw new ConfigurationError({ field: "from", message: `${quote(req.to)} is promoted from ${quote(target.promoteFrom)}, not ${quote(req.from)}; ${instead}` });
  }
  const expected = expectedApps(req.expect ?? []);
  const inPlan = (a) => expected.some((e) => e.app === a.name);
  const apps = req.all ? expected.length ? config.apps.filter(inPlan) : config.apps : req.apps.map((name) => findApp(config, name));
  const others = req.all && expected.length ? config.apps.filter((a) => !inPlan(a)) : [];
  for (const { app } of expected) {
    if (!config.apps.some((a) => a.name === app)) {
      try {
        findApp(config, app);
      } catch (error) {
        if (error instanceof ConfigurationError) throw new ConfigurationError({ field: "expect", message: error.problems[0].message });
        throw error;
      }
    }
    if (!apps.some((a) => a.name === app)) throw new ConfigurationError({ field: "expect", message: `${quote(app)} is not among the apps asked for (${req.apps.join(", ")}): a plan of them never promotes it` });
  }
  const has = configuredGateNames(target.gates);
  if (req.override && !has.includes(req.override.gate)) {
    throw new ConfigurationError({ field: "override", message: `${quote(req.to)} has no ${req.override.gate} gate to override (its gates: ${["blocked", ...has].join(", ")})` });
  }
  const blocklist = await readBlocklist(snapshot);
  const promotions = [];
  const unchanged = [];
  const leftOut = [];
  const heldBack = [];
  const files = [];
  const written = [];
  const blocked = [];
  await snapshot.prefetch?.([...apps, ...others].flatMap((app) => [manifestPath(app, req.from), manifestPath(app, req.to)]));
  const steps = [];
  let failure;
  for (const app of apps) {
    try {
      steps.push(await appStep(snapshot, req, app, blocklist));
    } catch (error) {
      failure = { error };
      break;
    }
  }
  const otherSteps = [];
  if (!failure) {
    for (const app of others) {
      try {
        otherSteps.push(await appStep(snapshot, req, app, blocklist));
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
      }
    }
  }
  const undeployed = /* @__PURE__ */ new Map();
  const sourceUndeployed = /* @__PURE__ */ new Map();
  const changing = failure ? [] : steps.filter((s) => s.edit.changed && !(s.entry && req.all));
  if (changing.length) {
    const problems = await undeployedPins(snapshot, [
      ...changing.map((s) => ({ app: s.app, file: s.targetPath, text: s.edit.text })),
      ...changing.map((s) => ({ app: s.app, file: s.sourcePath, text: s.sourceText }))
    ]);
    changing.forEach((s, i) => {
      if (problems[i]) undeployed.set(s, problems[i]);
      if (problems[changing.length + i]) sourceUndeployed.set(s, problems[changing.length + i]);
    });
  }
  if (!req.all && (sourceUndeployed.size || undeployed.size)) {
    const refused = changing.filter((s) => sourceUndeployed.has(s) || undeployed.has(s));
    const others2 = changing.filter((s) => !sourceUndeployed.has(s) && !undeployed.has(s)).map((s) => `--app ${s.app.name}`);
    const names = refused.map((s) => s.app.name);
    const problems = refused.flatMap((s) => [
      ...sourceUndeployed.has(s) ? [refusedSourcePin(sourceUndeployed.get(s), { app: s.app.name, from: req.from, to: req.to, image: describeImage(s.ref) })] : [],
      ...undeployed.has(s) ? [refusedPin(undeployed.get(s))] : []
    ]);
    const leaves = `--all leaves ${names.length > 1 ? "these" : "it"} out`;
    const more = sourceUndeployed.size ? others2.length ? `or promote the others by name (${others2.join(" ")})` : `the other apps may be promoted by name (${leaves})` : `${names.join(", ")} ${names.length > 1 ? "are" : "is"} not promoted to ${req.to}: ${others2.length ? `promote the others by name (${others2.join(" ")})` : `the other apps may be promoted by name (${leaves})`}`;
    problems[problems.length - 1] = { ...problems.at(-1), message: `${problems.at(-1).message}; ${more}` };
    throw new ConfigurationError(problems);
  }
  const asks = [...steps, ...otherSteps].filter((s) => s.edit.changed && !(s.entry && req.all) && !undeployed.has(s) && !sourceUndeployed.has(s)).map((s) => ({ app: s.app, path: s.sourcePath, digest: s.ref.digest }));
  if (asks.length) await since.prefetch?.(asks);
  const texts = /* @__PURE__ */ new Map();
  for (const step of steps) {
    const { app, sourcePath, targetPath, targetText, ref, edit, entry } = step;
    if (!edit.changed) {
      unchanged.push({ app: app.name, image: edit.previous.image });
      continue;
    }
    if (entry && req.all) {
      leftOut.push({ app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image, kind: "blocked", blocked: blockNote(entry) });
      continue;
    }
    const sourceProblem = sourceUndeployed.get(step);
    if (sourceProblem) {
      leftOut.push({ app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image, kind: "source-undeployed", problem: sourceProblem });
      continue;
    }
    const problem = undeployed.get(step);
    if (problem) {
      leftOut.push({ app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image, kind: "undeployed", problem });
      continue;
    }
    if (entry) blocked.push(`${app.name}@${shortDigest(ref.digest)}${entry.app !== app.name ? ` blocked for ${entry.app}` : ""}${entry.by ? ` by ${entry.by}` : ""}${entry.at ? ` at ${entry.at}` : ""}: ${entry.reason}`);
    const ran = await since(app, sourcePath, ref.digest);
    const provenance = await since.provenance?.({ app: app.name, env: req.from, digest: ref.digest, ..."commit" in ran ? { start: ran.commit } : {}, targetDigest: targetDigest(edit.previous.image) || void 0, to: req.to });
    const rollback = await rolledBack?.(app.name, ref.digest);
    const before = texts.get(targetPath);
    const after = before === void 0 ? edit.text : pinImage(before, targetPath, app.pin, ref).text;
    texts.set(targetPath, after);
    promotions.push({
      app: app.name,
      image: formatImageRef(ref),
      digest: ref.digest,
      previousImage: edit.previous.image,
      manifest: targetPath,
      ..."commit" in ran ? { sourceCommit: ran.commit, sourceDate: ran.date } : { sourceUnknown: ran.unknown },
      ...provenance,
      diff: fileDiff(targetPath, before ?? targetText, after),
      ...entry ? { blocked: blockNote(entry) } : {},
      ...rollback ? { rolledBack: rollback } : {}
    });
  }
  for (const { app, sourcePath, ref, edit, entry } of otherSteps) {
    if (!edit.changed) {
      unchanged.push({ app: app.name, image: edit.previous.image });
      continue;
    }
    if (entry) {
      leftOut.push({ app: app.name, image: formatImageRef(ref), digest: ref.digest, previousImage: edit.previous.image, kind: "blocked", blocked: blockNote(entry) });
      continue;
    }
    const ran = await since(app, sourcePath, ref.digest);
    const by = "commit" in ran ? (await since.provenance?.({ app: app.name, env: req.from, digest: ref.digest, start: ran.commit }))?.sourceRequestedBy : void 0;
    heldBack.push({
      app: app.name,
      image: formatImageRef(ref),
      digest: ref.digest,
      previousImage: edit.previous.image,
      ..."commit" in ran ? { sourceCommit: ran.commit, sourceDate: ran.date } : { sourceUnknown: ran.unknown },
      ...by !== void 0 ? { sourceRequestedBy: by } : {}
    });
  }
  for (const [path, content] of texts) {
    files.push({ path, content });
    written.push({ path, diff: fileDiff(path, steps.find((s) => s.targetPath === path).targetText, content) });
  }
  if (failure) throw failure.error;
  const bound = planned ?? (expected.length ? expected : void 0);
  if (bound) {
    const changes = planChangeList(bound, { from: req.from, to: req.to, promotions, unchanged, leftOut });
    if (changes.length) {
      const pathOf = (c) => {
        const step = steps.find((s) => s.app.name === c.app);
        return step && c.manifest && (c.manifest === "source" ? step.sourcePath : step.targetPath);
      };
      const texts2 = await Promise.all(changes.map(async (c) => {
        const path = pathOf(c);
        const by = path !== void 0 ? await changedBy?.(path) : void 0;
        return by ? `${c.text} (${by})` : c.text;
      }));
      throw new PlanChangedError(req, texts2, planned ? "since it was planned" : EXPECTED, measured);
    }
  }
  if (measured && measured !== "defer" && promotions.length && promotionKeys(promotions).join(" ") !== measured.keys.join(" ")) {
    const now2 = promotionKeys(promotions);
    const done = new Set(unchanged.map((u) => `${u.app}@${imageParts(u.image).digest}`));
    const changes = [
      ...measured.keys.filter((k) => !now2.includes(k) && !done.has(k)).map((k) => `analyzed ${k}, not promoted now`),
      ...now2.filter((k) => !measured.keys.includes(k)).map((k) => `promoted now ${k}, not analyzed`)
    ];
    if (changes.length) throw new PlanChangedError(req, changes, "since its analysis ran", measured);
  }
  const gates = promotions.length ? evaluateGates(config, req, promotions, blocked, now, measured, leftOut.length) : [];
  const overridden = req.override && !gates.some((g) => g.gate === req.override.gate && g.verdict === "pass") ? req.override : void 0;
  const [nowAt, commitAt] = now instanceof Date ? [now, void 0] : [now.now, now.commit];
  const judgedAt = commitAt && commitAt.getTime() < nowAt.getTime() ? commitAt : nowAt;
  const expect = planExpect(promotions);
  const result = {
    from: req.from,
    to: req.to,
    promotions,
    ...written.length ? { files: written } : {},
    ...unchanged.length ? { unchanged } : {},
    ...leftOut.length ? { leftOut } : {},
    ...heldBack.length ? { heldBack } : {},
    gates,
    ...promotions.length && !Number.isNaN(judgedAt.getTime()) ? { judgedAt: instant(judgedAt) } : {},
    ...expect ? { expect } : {},
    ...overridden ? { override: overridden } : {}
  };
  const approvers = distinctPeople(req.approvedBy).filter((a) => !isRequester(req, a));
  if (req.requestedBy) result.requestedBy = req.requestedBy;
  if (approvers.length) result.approvedBy = approvers;
  if (promotions.length === 0) return { write: false, result };
  if (measured === "defer") return { write: true, files, message: "", result };
  const failing = gates.filter((g) => g.verdict !== "pass");
  const pendingApprovals = (g) => awaitsApprovals(req, g);
  const stopped = failing.filter((g) => (g.gate === "blocked" || g.gate !== req.override?.gate) && !pendingApprovals(g));
  if (stopped.length) throw new GateError(result);
  if (failing.some(pendingApprovals)) result.awaitingApproval = true;
  const trailers = [["Ferry-Action", "promote"], ["Ferry-Env", req.to], ["Ferry-From", req.from]];
  for (const p of promotions) {
    trailers.push(["Ferry-App", p.app], ["Ferry-Image", p.image]);
    if (p.previousImage) trailers.push(["Ferry-Previous-Image", p.previousImage]);
  }
  trailers.push(["Ferry-Gate", gateTrailer(gates)]);
  if (overridden) trailers.push(["Ferry-Override", overridden.gate], ["Ferry-Reason", overridden.reason]);
  if (req.requestedBy) trailers.push(["Ferry-Requested-By", req.requestedBy]);
  for (const a of approvers) trailers.push(["Ferry-Approved-By", a]);
  if (req.runUrl) trailers.push(["Ferry-Run", req.runUrl]);
  const tag = promotions.length === 1 ? parseImageRef(promotions[0].image, "image").tag : void 0;
  const what = promotions.length === 1 ? [elidable(promotions[0].app), " ", ...tag ? [elidable(tag), " "] : [], `(${shortDigest(promotions[0].digest)})`] : [`${promotions.length} apps (${appList(promotions.map((p) => p.app), SUBJECT_MAX - `promote(${req.to}):  apps () from ${req.from}`.length - String(promotions.length).length)})`];
  const message = commitMessage(fitSubject(["promote(", elidable(req.to), "): ", ...what, " from ", elidable(req.from)]), trailers);
  return { write: true, files, message, result };
}
async function appStep(snapshot, req, app, blocklist) {
  const sourcePath = manifestPath(app, req.from);
  const targetPath = manifestPath(app, req.to);
  const [sourceText, targetText] = [await snapshot.readFile(sourcePath), await snapshot.readFile(targetPath)];
  if (sourceText === void 0) throw new ConfigurationError({ file: sourcePath, message: `app ${quote(app.name)} has no manifest in ${quote(req.from)}` });
  if (targetText === void 0) throw new ConfigurationError({ file: targetPath, message: `app ${quote(app.name)} has no manifest in ${quote(req.to)}` });
  const source = readPinnedImage(sourceText, sourcePath, app.pin);
  if (!source.digest) {
    const at = readPinnedImageAt(sourceText, sourcePath, app.pin).places.digest;
    const others = req.all ? "promote the others by name (--app <app> for each)" : `leave ${app.name} out of --app`;
    throw new ConfigurationError(pinProblem(sourcePath, at, `${quote(app.name)} is not pinned by digest in ${quote(req.from)} (${quote(source.image, 300)}): nothing exact to promote; pin it by digest in ${req.from} again (ferry bump --env ${req.from} --app ${app.name} --image <image>@sha256:…), or ${others}`));
  }
  const ref = parseImageRef(`${app.registry}/${app.image}${source.tag ? `:${source.tag}` : ""}@${source.digest}`, "image");
  const edit = pinImage(targetText, targetPath, app.pin, ref);
  const entry = edit.changed ? findBlocked(blocklist, app.name, ref.digest) : void 0;
  return { app, sourcePath, targetPath, targetText, sourceText, ref, edit, entry };
}
function blockNote(entry) {
  return { app: entry.app, reason: entry.reason, ...entry.by !== void 0 ? { by: entry.by } : {}, ...entry.at !== void 0 ? { at: entry.at } : {} };
}
function appList(apps, room) {
  const all = apps.join(", ");
  if (all.length <= room) return all;
  const more = (n2) => `, … and ${apps.length - n2} more`;
  let n = apps.length - 1;
  if (n > 1) {
    n = 1;
    let shown = apps[0].length;
    while (n < apps.length - 1 && shown + 2 + apps[n].length + more(n + 1).length <= room) shown += 2 + apps[n++].length;
  }
  return `${apps.slice(0, n).join(", ")}${more(n)}`;
}

// actions/src/core/analysis-gate.ts
var DEFAULT_WINDOW = "30m";
var DEFAULT_STEP_SECONDS = 60;
async function loadTemplate(snapshot, name, config) {
  for (const ext of ["yaml", "yml"]) {
    const file = `${ANALYSIS_DIR}/${name}.${ext}`;
    const text = await snapshot.readFile(file);
    if (text !== void 0) return parseAnalysisTemplate(text, file, name);
  }
  throw new ConfigurationError(await missingTemplate(snapshot, name, config));
}
function templateUse(config, name) {
  for (const [i, env] of config.environments.entries()) {
    const j = env.gates?.analysis?.indexOf(name) ?? -1;
    if (j >= 0) return ["environments", i, "gates", "analysis", j];
    const k = env.gates?.compare?.metrics.findIndex((m) => m.template === name) ?? -1;
    if (k >= 0) return ["environments", i, "gates", "compare", "metrics", k, "template"];
  }
  return void 0;
}
async function missingTemplate(snapshot, name, config) {
  const files = await snapshot.listFiles?.(ANALYSIS_DIR);
  const present = files && [...new Set(files.filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, "")))];
  const there = present === void 0 ? "" : present.length ? `; the templates in ${ANALYSIS_DIR}/: ${present.join(", ")}` : `; ${ANALYSIS_DIR}/ holds none`;
  const message = `no analysis template ${quote(name)}: expected ${ANALYSIS_DIR}/${name}.yaml (or .yml) in the environment repository${there}`;
  const path = config && templateUse(config, name);
  if (!config || !path) return { file: `${ANALYSIS_DIR}/${name}.yaml`, message };
  const text = await snapshot.readFile(config.file).catch(() => void 0);
  const { configLocator } = await import("./config-located-EEZNBMK2.mjs");
  return { file: config.file, ...configLocator(text)(path), field: fieldOf(path), message };
}
var RANK = { pass: 0, inconclusive: 1, error: 2, fail: 3 };
var worst = (verdicts) => verdicts.reduce((a, b) => RANK[b] > RANK[a] ? b : a, "pass");
function runVerdict(run) {
  return { Successful: "pass", Failed: "fail", Inconclusive: "inconclusive", Error: "error" }[run.phase];
}
async function measureGates(input, deps) {
  const gates = findEnvironment(input.config, input.to).gates ?? {};
  const address = deps.prometheusAddress ?? input.config.prometheus?.address;
  if (address === void 0) {
    throw new ConfigurationError({ file: input.config.file, field: "prometheus.address", message: `the analysis gates of ${quote(input.to)} query Prometheus: set prometheus: { address: <url> } in ${input.config.file}, or give --prometheus <url>` });
  }
  const bearerTokenEnv = input.config.prometheus?.bearerTokenEnv;
  if (bearerTokenEnv && inTheClear(address)) {
    const message = plainHttpMessage(address, `${input.config.file}'s prometheus.bearerTokenEnv, ${bearerTokenEnv}`);
    throw new ConfigurationError(deps.prometheusAddress !== void 0 ? { field: "--prometheus", message } : { file: input.config.file, field: "prometheus.address", message });
  }
  const templates = /* @__PURE__ */ new Map();
  const template = (name) => {
    let loading = templates.get(name);
    if (!loading) templates.set(name, loading = loadTemplate(input.snapshot, name, input.config));
    return loading;
  };
  const nowMs = deps.clock.now();
  const options = {
    env: deps.env,
    prometheusAddress: address,
    nowMs,
    ...deps.prometheusAddress === void 0 ? { prometheusAddressAt: { file: input.config.file, field: "prometheus.address" } } : {},
    ...input.config.prometheus?.bearerTokenEnv ? { bearerTokenEnv: input.config.prometheus.bearerTokenEnv } : {},
    ...input.config.prometheus?.sigv4 ? { sigv4: input.config.prometheus.sigv4 } : {}
  };
  const resolve = (t, args) => resolveAnalysis(t, args, options);
  const analyses = [];
  for (const p of input.promotions) {
    for (const name of gates.analysis ?? []) {
      const t = await template(name);
      analyses.push({ app: p.app, analysis: resolve(t, candidateArgs(t, p, input.from)) });
    }
  }
  const comparePlans = gates.compare ? await Promise.all(input.promotions.map((p) => planComparison(gates.compare, p, input, template, resolve, nowMs))) : [];
  const secrets = [.../* @__PURE__ */ new Set([...analyses.flatMap((a) => a.analysis.secrets), ...comparePlans.flatMap((c) => c.secrets)])];
  for (const value of secrets) for (const form of secretForms(value)) deps.secret?.(form);
  const label = (app, name) => input.promotions.length > 1 ? `${app} ${name}` : name;
  const runs = await Promise.all(analyses.map(async ({ app, analysis }) => ({
    app,
    run: await runAnalysis(analysis, {
      prometheus: deps.prometheus,
      clock: deps.clock,
      ...deps.signal ? { signal: deps.signal } : {},
      onProgress: (e) => deps.progress?.(`${label(app, analysis.template)}/${e.metric}: ${progressLine(e, (v) => maskSecrets(formatValue(v, 4), secrets), (ms) => `${Math.round(ms / 1e3)}s`)}`)
    })
  })));
  const comparisons = await Promise.all(comparePlans.map(async (plan) => {
    deps.progress?.(`${label(plan.app, "compare")}: ${plan.queries.length} metrics, candidate ${plan.windows.candidate.image} against ${plan.windows.baseline.image}`);
    return { app: plan.app, report: await plan.run(deps, secrets), windows: plan.windows };
  }));
  const verdicts = [];
  if (gates.analysis?.length) {
    const reason = maskSecrets(runs.map((r) => `${label(r.app, r.run.template)}: ${summarizeRun(r.run)}`).join("; "), secrets);
    verdicts.push({
      gate: "analysis",
      verdict: worst(runs.map((r) => runVerdict(r.run))),
      reason,
      // (Every app's runs, or one long run: bounded for the commit, every template named.)
      ...runs.length > 1 || reason.length > RECORD_ROOM ? { record: maskSecrets(analysisRecord(runs, gates.analysis, input.promotions.length > 1), secrets) } : {}
    });
  }
  if (gates.compare) {
    const verdictOf = (c) => c.report.error !== void 0 ? "error" : c.report.verdict === "pass" ? "pass" : "fail";
    verdicts.push({
      gate: "compare",
      verdict: worst(comparisons.map(verdictOf)),
      // The judgment, then each metric's numbers: `fail: score 0 < 75; …: latency/p95 p=0.0001<0.05, +45.5% >= +10%`.
      reason: maskSecrets(comparisons.map((c) => label(c.app, `${c.report.reason}: ${c.report.metrics.map((m) => `${m.metric} ${m.reason}`).join(", ")}`)).join("; "), secrets),
      ...comparisons.length > 1 ? { record: maskSecrets(tally(comparisons.map((c) => ({ what: c.app, verdict: verdictOf(c) })), "apps", "pass"), secrets) } : {}
    });
  }
  return { verdicts, keys: promotionKeys(input.promotions), runs, comparisons, secrets };
}
var RECORD_ROOM = 300;
var NAMES_ROOM = 300;
function analysisRecord(runs, templates, several) {
  return tally(runs.map((r) => ({ what: several ? `${r.app} ${r.run.template}` : r.run.template, verdict: r.run.phase })), "runs", "Successful", templates.join(", "));
}
function tally(items, noun, ok, about) {
  const counts = /* @__PURE__ */ new Map();
  for (const { verdict } of items) counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  const others = [...counts].filter(([v]) => v !== ok).map(([v, n]) => `${n} ${v}`);
  const head = [`${counts.get(ok) ?? 0}/${items.length} ${noun} ${ok}`, ...others].join(", ");
  const failed = items.filter((i) => i.verdict !== ok).map((i) => `${i.what} ${i.verdict}`);
  return `${head}${about ? `: ${about}` : ""}${failed.length ? `; not ${ok}: ${appList(failed, NAMES_ROOM)}` : ""}`;
}
function imageArgs(prefix, image) {
  if (!image) return {};
  const ref = parseImageRef(image, `${prefix}image`);
  return { [`${prefix}image`]: image, [`${prefix}digest`]: ref.digest, ...ref.tag !== void 0 ? { [`${prefix}tag`]: ref.tag } : {} };
}
function candidateArgs(t, p, env) {
  return ferryArgs(t, { app: p.app, env, ...imageArgs("", p.image), ...imageArgs("previous-", p.previousImage || void 0) });
}
async function planComparison(compare, p, input, template, resolve, nowMs) {
  const windowMs = parseDuration(compare.window ?? DEFAULT_WINDOW);
  const candidate = { env: input.from, image: p.image, startMs: nowMs - windowMs, endMs: nowMs };
  let baseline;
  if ((compare.baseline ?? "target") === "target") {
    if (p.previousImage) baseline = { env: input.to, image: p.previousImage, startMs: nowMs - windowMs, endMs: nowMs };
  } else {
    const pin = input.pins.find((e) => e.env === input.from && e.app === p.app && e.image.endsWith(`@${p.digest}`));
    if (pin?.previousImage) {
      const at = new Date(pin.date).getTime();
      baseline = { env: input.from, image: pin.previousImage, startMs: at - windowMs, endMs: at };
    }
  }
  const specs = compare.metrics.map((m) => ({
    metric: `${m.template}/${m.metric}`,
    direction: m.direction,
    ...m.confidence !== void 0 ? { confidence: m.confidence } : {},
    ...m.effectSize !== void 0 ? { effectSize: m.effectSize } : {},
    ...m.weight !== void 0 ? { weight: m.weight } : {},
    ...m.critical !== void 0 ? { critical: m.critical } : {}
  }));
  const thresholds = { pass: compare.pass ?? 95, marginal: compare.marginal ?? 75 };
  const env = input.config.environments.findIndex((e) => e.name === input.to);
  const queries = [];
  const secrets = [];
  for (const [i, m] of compare.metrics.entries()) {
    const t = await template(m.template);
    const metricOf = (analysis) => {
      secrets.push(...analysis.secrets);
      const found = analysis.metrics.find((x) => x.name === m.metric);
      if (found) return found;
      throw new ConfigurationError({ file: input.config.file, field: `environments[${env}].gates.compare.metrics[${i}].metric`, message: `template ${quote(m.template)} (${t.file}) has no metric ${quote(m.metric)} (metrics: ${t.metrics.map((x) => x.name).join(", ")})` });
    };
    const cand = metricOf(resolve(t, candidateArgs(t, p, input.from)));
    const base = baseline ? metricOf(resolve(t, ferryArgs(t, { app: p.app, env: baseline.env, ...imageArgs("", baseline.image) }))) : cand;
    queries.push({ spec: specs[i], candidate: cand, baseline: base, stepSeconds: cand.rangeQuery?.stepSeconds ?? DEFAULT_STEP_SECONDS });
  }
  const windows = { candidate, baseline: baseline ?? { ...candidate, image: "(none)" } };
  return {
    app: p.app,
    windows,
    queries,
    secrets,
    async run(deps, secrets2) {
      if (!baseline) {
        const report = judge(specs, /* @__PURE__ */ new Map(), thresholds);
        const why = compare.baseline === "previous" ? `no version before ${p.image} in ${input.from}` : `${input.to} runs no version of ${p.app} yet`;
        return { ...report, reason: `no baseline: ${why}; ${report.reason}` };
      }
      return runComparison(queries, { candidate, baseline }, thresholds, { ...deps, secrets: secrets2 });
    }
  };
}
function identicalRequests(queries, windows, secrets = []) {
  return queries.flatMap((q) => {
    const c = queryRequest(q.candidate, rangeOf(windows.candidate, q.stepSeconds));
    const b = queryRequest(q.baseline, rangeOf(windows.baseline, q.stepSeconds));
    if (JSON.stringify(c) !== JSON.stringify(b)) return [];
    return [{
      metric: q.spec.metric,
      why: `the candidate and the baseline send Prometheus the same query ${quote(maskSecrets(q.candidate.query, secrets), 200)} over the same window, so the comparison would compare a series with itself: the query must use an arg whose value differs between them`
    }];
  });
}
function rangeOf(window, stepSeconds) {
  return { startMs: window.startMs, endMs: window.endMs, stepSeconds };
}
async function runComparison(queries, windows, thresholds, deps) {
  const secrets = deps.secrets ?? [];
  const series = /* @__PURE__ */ new Map();
  const notes = [];
  const identical = new Map(identicalRequests(queries, windows, secrets).map((x) => [x.metric, x.why]));
  const interrupted = /* @__PURE__ */ new Set();
  await Promise.all(queries.filter((q) => !identical.has(q.spec.metric)).map(async (q) => {
    const [c, b] = await Promise.all([
      sample(deps, q.candidate, "candidate", rangeOf(windows.candidate, q.stepSeconds), secrets, notes),
      sample(deps, q.baseline, "baseline", rangeOf(windows.baseline, q.stepSeconds), secrets, notes)
    ]);
    if (c && b) series.set(q.spec.metric, { candidate: c, baseline: b });
    else if (deps.signal?.aborted) interrupted.add(q.spec.metric);
  }));
  const judged = judge(queries.map((q) => q.spec), series, thresholds);
  const metrics = judged.metrics.map((m) => {
    const why = identical.get(m.metric) ?? (interrupted.has(m.metric) ? "interrupted before both series were read" : void 0);
    return why ? { ...m, reason: maskSecrets(`nodata: ${why}`, secrets) } : m;
  });
  const errors = [
    ...[...identical].map(([metric, why]) => `${metric}: ${why}`),
    ...interrupted.size ? [`interrupted before the series of ${[...interrupted].join(", ")} were read`] : []
  ];
  const reason = [judged.reason, ...notes].join("; ");
  if (!errors.length) return { ...judged, metrics, reason: maskSecrets(reason, secrets) };
  const error = maskSecrets(errors.join("; "), secrets);
  return { ...judged, verdict: "fail", metrics, error, reason: maskSecrets(`error: ${errors.join("; ")}; ${reason}`, secrets) };
}
async function sample(deps, m, side, range, secrets, notes) {
  try {
    const result = await deps.prometheus.query(queryRequest(m, range, secrets), deps.signal);
    for (const w of result.warnings ?? []) notes.push(`${m.name} ${side}: Prometheus warned ${quote(maskSecrets(w, secrets), 200).replace(/[()]/g, "")}`);
    return result.resultType === "matrix" ? result.value : result.series.flatMap((s) => s.points.map(([, v]) => v));
  } catch (error) {
    if (deps.signal?.aborted) return void 0;
    notes.push(`${m.name} ${side}: ${maskSecrets(error?.message ?? String(error), secrets).replace(/[()]/g, "")}`);
    return void 0;
  }
}

export {
  parseAnalysisTemplates,
  secretEnvName,
  ferryArgs,
  checkDeclaredArgs,
  resolveAnalysis,
  runAnalysis,
  progressLine,
  DIRECTIONS,
  targetRollbacks,
  unusedOverride,
  GateError,
  stoppedAdvice,
  awaitsApprovals,
  checkPromoteRequest,
  expectedApps,
  formatDuration,
  hasMeasuredGates,
  promotionKeys,
  plannedApps,
  tagOnlyChanges,
  PlanChangedError,
  planPromote,
  loadTemplate,
  measureGates,
  identicalRequests,
  runComparison
};
