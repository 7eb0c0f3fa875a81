// BERT Workbench TF.js runtime: runs a model exported in the "bert-workbench-tfjs" format
// (model.json + weight shards + vocab.txt) with TensorFlow.js, in a browser or in Node.
// It is the same computation as the workbench's core (Hugging Face's BertModel: post-
// LayerNorm encoder, exact GELU, the BertFor* heads), written against the public tf API
// only, plus a minimal WordPiece tokenizer (BERT's BasicTokenizer + WordPiece).
//
// Usage (browser, after tf.min.js):
//   const { model, tokenizer } = await BertWorkbench.load(tf, '.');
//   const encoding = tokenizer.encode('a sentence');
//   const [row] = await model.run([encoding]);      // {logits: [...]} per example
//   const prediction = model.decode(row, encoding);
// A classic script (no import/export) so that it also works from file:// pages; it sets
// `BertWorkbench` on the object it is evaluated with (`self` in browsers).
(function (root) {
  'use strict';

  var FORMAT = 'bert-workbench-tfjs';
  var MASKED_SCORE = -1e9;
  var MAX_ANSWER_TOKENS = 30;

  // -------------------------------------------------------------------------------------
  // Tokenizer: normalize -> split on whitespace and punctuation -> WordPiece -> [CLS] … [SEP].

  function isWhitespace(ch) {
    return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || (ch.charCodeAt(0) >= 128 && /^[\p{Zs}\p{Zl}\p{Zp}]$/u.test(ch));
  }

  function isDeletedControl(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 128) return (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) || cp === 0x7f;
    return /^[\p{Cc}\p{Cf}\uFFFD]$/u.test(ch);
  }

  function isPunctuation(ch) {
    var cp = ch.codePointAt(0);
    // BERT counts every printable non-alphanumeric ASCII character as punctuation.
    if (cp < 128) return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
    return /^\p{P}$/u.test(ch);
  }

  function isCjkIdeograph(cp) {
    return (
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2a6df) ||
      (cp >= 0x2a700 && cp <= 0x2b73f) || (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b820 && cp <= 0x2ceaf) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)
    );
  }

  /** Tokenizer settings from tokenizer_config.json names, with Hugging Face's defaults. */
  function tokenizerSettings(json) {
    json = json || {};
    var special = function (value, fallback) {
      if (typeof value === 'string') return value;
      if (value && typeof value.content === 'string') return value.content;
      return fallback;
    };
    var lower = json.do_lower_case !== undefined ? Boolean(json.do_lower_case) : true;
    var maxLength = typeof json.model_max_length === 'number' && json.model_max_length < 1e12 ? json.model_max_length : undefined;
    return {
      doLowerCase: lower,
      // null: strip accents exactly when lowercasing.
      stripAccents: json.strip_accents === undefined || json.strip_accents === null ? lower : Boolean(json.strip_accents),
      tokenizeChineseChars: json.tokenize_chinese_chars !== undefined ? Boolean(json.tokenize_chinese_chars) : true,
      maxInputCharsPerWord: json.max_input_chars_per_word || 100,
      unkToken: special(json.unk_token, '[UNK]'),
      clsToken: special(json.cls_token, '[CLS]'),
      sepToken: special(json.sep_token, '[SEP]'),
      padToken: special(json.pad_token, '[PAD]'),
      maskToken: special(json.mask_token, '[MASK]'),
      modelMaxLength: maxLength,
    };
  }

  function createTokenizer(vocabText, tokenizerConfig) {
    var settings = tokenizerSettings(tokenizerConfig);
    var vocab = new Map();
    var tokens = [];
    vocabText.split('\n').forEach(function (line, i, lines) {
      var token = line.replace(/\r$/, '');
      if (token === '' && i === lines.length - 1) return;
      if (!vocab.has(token)) vocab.set(token, tokens.length);
      tokens.push(token);
    });
    var idOf = function (token) {
      var id = vocab.get(token);
      if (id === undefined) throw new Error('the vocabulary has no token ' + token);
      return id;
    };
    var ids = { cls: idOf(settings.clsToken), sep: idOf(settings.sepToken), pad: idOf(settings.padToken), unk: idOf(settings.unkToken), mask: idOf(settings.maskToken) };
    var specialTokens = [settings.clsToken, settings.sepToken, settings.padToken, settings.unkToken, settings.maskToken];

    function normalize(text) {
      var out = '';
      for (var ch of text) {
        if (isDeletedControl(ch)) continue;
        if (isWhitespace(ch)) out += ' ';
        else if (settings.tokenizeChineseChars && isCjkIdeograph(ch.codePointAt(0))) out += ' ' + ch + ' ';
        else out += ch;
      }
      if (settings.doLowerCase) out = out.toLowerCase();
      if (settings.stripAccents) out = out.normalize('NFD').replace(/\p{Mn}/gu, '');
      return out;
    }

    function splitWords(text) {
      var words = [];
      var word = '';
      for (var ch of text) {
        if (isWhitespace(ch)) {
          if (word) words.push(word);
          word = '';
        } else if (isPunctuation(ch)) {
          if (word) words.push(word);
          words.push(ch);
          word = '';
        } else word += ch;
      }
      if (word) words.push(word);
      return words;
    }

    // Greedy longest-match-first; a word with any part no piece covers becomes one [UNK].
    function wordPiece(word) {
      var chars = Array.from(word);
      if (chars.length > settings.maxInputCharsPerWord) return [settings.unkToken];
      var pieces = [];
      for (var start = 0; start < chars.length; ) {
        var found = null;
        for (var end = chars.length; end > start; end--) {
          var piece = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
          if (vocab.has(piece)) {
            found = piece;
            break;
          }
        }
        if (found === null) return [settings.unkToken];
        pieces.push(found);
        start = end;
      }
      return pieces;
    }

    // Special tokens typed as such ("[MASK]" for fill-mask) stay whole, as in Transformers.
    var specialPattern = new RegExp('(' + specialTokens.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }).join('|') + ')');

    function tokenize(text) {
      var out = [];
      text.split(specialPattern).forEach(function (part) {
        if (specialTokens.indexOf(part) >= 0) out.push(part);
        else splitWords(normalize(part)).forEach(function (word) { out.push.apply(out, wordPiece(word)); });
      });
      return out;
    }

    // How many tokens of each sequence fit in `budget` (Hugging Face's truncation strategies).
    function keptLengths(strategy, budget, first, second) {
      var total = first + (second === undefined ? 0 : second);
      if (total <= budget) return [first, second];
      if (budget === 0) return [0, second === undefined ? undefined : 0];
      if (second === undefined) return [budget, undefined];
      if (strategy === 'only_second') {
        var excess = total - budget;
        if (second <= excess) throw new Error('the second text cannot be shortened enough to fit ' + (budget + 3) + ' tokens');
        return [first, second - excess];
      }
      var shorter = Math.min(first, second);
      var keepShorter = shorter;
      var keepLonger = Math.max(shorter, budget - shorter);
      if (keepShorter + keepLonger > budget) {
        keepShorter = Math.floor(budget / 2);
        keepLonger = keepShorter + (budget % 2);
      }
      return first > second ? [keepLonger, keepShorter] : [keepShorter, keepLonger];
    }

    /**
     * [CLS] text [SEP] (pair [SEP]), cut to maxLength (default the model's maximum) with
     * 'longest_first' or 'only_second' truncation.
     */
    function encode(text, pair, options) {
      options = options || {};
      var first = tokenize(text);
      var second = pair === undefined || pair === null ? undefined : tokenize(pair);
      var maxLength = options.maxLength || settings.modelMaxLength;
      if (maxLength) {
        var kept = keptLengths(options.truncation || 'longest_first', maxLength - (second ? 3 : 2), first.length, second && second.length);
        first = first.slice(0, kept[0]);
        if (second) second = second.slice(0, kept[1]);
      }
      var pieces = [settings.clsToken].concat(first, [settings.sepToken]);
      var typeIds = pieces.map(function () { return 0; });
      if (second) {
        pieces = pieces.concat(second, [settings.sepToken]);
        typeIds = typeIds.concat(second.map(function () { return 1; }), [1]);
      }
      return {
        tokens: pieces,
        inputIds: pieces.map(idOf),
        tokenTypeIds: typeIds,
        attentionMask: pieces.map(function () { return 1; }),
      };
    }

    return { settings: settings, ids: ids, vocabSize: tokens.length, tokenize: tokenize, encode: encode, idToToken: function (id) { return tokens[id]; } };
  }

  // -------------------------------------------------------------------------------------
  // Model: the forward pass on the exported weights (Hugging Face state-dict names).

  function createModel(tf, modelJson, weights) {
    if (modelJson.format !== FORMAT) throw new Error('model.json is not a ' + FORMAT + ' export (format: ' + modelJson.format + ')');
    var config = modelJson.config;
    var head = modelJson.head;
    var get = function (name) {
      var w = weights[name];
      if (!w) throw new Error('the export has no weight ' + name);
      return w;
    };

    // x [..., in] · Wᵀ + b with W [out, in] -> [..., out]
    function dense(prefix, x) {
      var w = get(prefix + '.weight');
      var leading = x.shape.slice(0, -1);
      var y = tf.add(tf.matMul(tf.reshape(x, [-1, w.shape[1]]), w, false, true), get(prefix + '.bias'));
      return tf.reshape(y, leading.concat([w.shape[0]]));
    }

    function layerNorm(prefix, x) {
      var m = tf.moments(x, -1, true);
      var normalised = tf.mul(tf.sub(x, m.mean), tf.rsqrt(tf.add(m.variance, config.layer_norm_eps)));
      return tf.add(tf.mul(normalised, get(prefix + '.weight')), get(prefix + '.bias'));
    }

    function gelu(x) {
      return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    }

    // [B, T, H] -> [B, A, T, D]
    function splitHeads(x, B, T) {
      var A = config.num_attention_heads;
      return tf.transpose(tf.reshape(x, [B, T, A, config.hidden_size / A]), [0, 2, 1, 3]);
    }

    function encoderLayer(i, x, bias, B, T) {
      var p = 'bert.encoder.layer.' + i;
      var D = config.hidden_size / config.num_attention_heads;
      var q = splitHeads(dense(p + '.attention.self.query', x), B, T);
      var k = splitHeads(dense(p + '.attention.self.key', x), B, T);
      var v = splitHeads(dense(p + '.attention.self.value', x), B, T);
      var scores = tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(D)), bias); // [B, A, T, T]
      var context = tf.reshape(tf.transpose(tf.matMul(tf.softmax(scores, -1), v), [0, 2, 1, 3]), [B, T, config.hidden_size]);
      var attended = layerNorm(p + '.attention.output.LayerNorm', tf.add(dense(p + '.attention.output.dense', context), x));
      var intermediate = gelu(dense(p + '.intermediate.dense', attended));
      return layerNorm(p + '.output.LayerNorm', tf.add(dense(p + '.output.dense', intermediate), attended));
    }

    /** int32 [B, T] inputs -> the head's outputs as tensors (the caller disposes them). */
    function forward(inputIds, tokenTypeIds, attentionMask) {
      return tf.tidy(function () {
        var B = inputIds.shape[0];
        var T = inputIds.shape[1];
        var H = config.hidden_size;
        var e = 'bert.embeddings';
        var embedded = tf.add(
          tf.add(tf.gather(get(e + '.word_embeddings.weight'), inputIds), tf.slice(get(e + '.position_embeddings.weight'), [0, 0], [T, H])),
          tf.gather(get(e + '.token_type_embeddings.weight'), tokenTypeIds),
        );
        var hidden = layerNorm(e + '.LayerNorm', embedded);
        var bias = tf.reshape(tf.mul(tf.sub(1, tf.cast(attentionMask, 'float32')), MASKED_SCORE), [B, 1, 1, T]);
        for (var i = 0; i < config.num_hidden_layers; i++) hidden = encoderLayer(i, hidden, bias, B, T);
        var pooled = weights['bert.pooler.dense.weight'] ? tf.tanh(dense('bert.pooler.dense', tf.reshape(tf.slice(hidden, [0, 0, 0], [B, 1, H]), [B, H]))) : null;
        var needPooled = function () {
          if (!pooled) throw new Error('the ' + head.name + ' head reads the pooled [CLS] output, but the export has no pooler');
          return pooled;
        };
        switch (head.name) {
          case 'sequence-classification':
            return { logits: dense('classifier', needPooled()) };
          case 'token-classification':
            return { logits: dense('classifier', hidden) };
          case 'question-answering': {
            var spans = tf.split(dense('qa_outputs', hidden), 2, -1);
            return { start_logits: tf.reshape(spans[0], [B, T]), end_logits: tf.reshape(spans[1], [B, T]) };
          }
          case 'pretraining': {
            var p = 'cls.predictions';
            var transformed = layerNorm(p + '.transform.LayerNorm', gelu(dense(p + '.transform.dense', hidden)));
            var V = config.vocab_size;
            // The decoder is tied to the word embeddings [V, H].
            var logits = tf.add(tf.matMul(tf.reshape(transformed, [-1, H]), get(e + '.word_embeddings.weight'), false, true), get(p + '.bias'));
            return { prediction_logits: tf.reshape(logits, [B, T, V]), seq_relationship_logits: dense('cls.seq_relationship', needPooled()) };
          }
          default:
            throw new Error('unknown head ' + head.name);
        }
      });
    }

    /** Outputs per example as arrays, per-token outputs cut to the example's own length. */
    async function run(encodings) {
      var T = Math.max.apply(null, encodings.map(function (e) { return e.inputIds.length; }));
      var pad = function (values, fill) { return values.concat(new Array(T - values.length).fill(fill)); };
      var rows = function (pick, fill) { return tf.tensor2d(encodings.map(function (e) { return pad(pick(e), fill); }), [encodings.length, T], 'int32'); };
      var ids = rows(function (e) { return e.inputIds; }, config.pad_token_id || 0);
      var types = rows(function (e) { return e.tokenTypeIds || e.inputIds.map(function () { return 0; }); }, 0);
      var mask = rows(function (e) { return e.attentionMask || e.inputIds.map(function () { return 1; }); }, 0);
      var outputs = forward(ids, types, mask);
      try {
        var arrays = {};
        for (var name of head.outputs) arrays[name] = await outputs[name].array();
        return encodings.map(function (e, b) {
          var row = {};
          for (var name of head.outputs) row[name] = head.perTokenOutputs.indexOf(name) >= 0 ? arrays[name][b].slice(0, e.inputIds.length) : arrays[name][b];
          return row;
        });
      } finally {
        tf.dispose([ids, types, mask].concat(Object.values(outputs)));
      }
    }

    function labelName(id) {
      return (config.id2label && config.id2label[String(id)]) || 'LABEL_' + id;
    }

    /** What a person reads from one example's outputs. */
    function decode(row, encoding, tokenizer) {
      switch (head.name) {
        case 'sequence-classification': {
          if (row.logits.length === 1) return { label: labelName(0), value: row.logits[0] };
          var probs = softmax(row.logits);
          var best = argmax(row.logits);
          return { label: labelName(best), score: probs[best], probabilities: probs.map(function (p, i) { return { label: labelName(i), probability: p }; }) };
        }
        case 'token-classification':
          return {
            tokens: encoding.tokens.map(function (token, i) { return { token: token, label: labelName(argmax(row.logits[i])) }; })
              .filter(function (_, i) { return i > 0 && i < encoding.tokens.length - 1; }),
          };
        case 'question-answering': {
          var candidates = [];
          encoding.tokenTypeIds.forEach(function (t, i) { if (t === 1) candidates.push(i); });
          candidates = candidates.length > 1 ? candidates.slice(0, -1) : encoding.tokens.map(function (_, i) { return i; }).slice(1, -1);
          var span = { start: 0, end: 0, score: -Infinity };
          candidates.forEach(function (s) {
            candidates.forEach(function (e) {
              if (e < s || e - s >= MAX_ANSWER_TOKENS) return;
              var score = row.start_logits[s] + row.end_logits[e];
              if (score > span.score) span = { start: s, end: e, score: score };
            });
          });
          span.answer = joinPieces(encoding.tokens.slice(span.start, span.end + 1));
          return span;
        }
        case 'pretraining': {
          var filled = [];
          encoding.tokens.forEach(function (token, i) {
            if (tokenizer && token === tokenizer.settings.maskToken) filled.push({ position: i, token: tokenizer.idToToken(argmax(row.prediction_logits[i])) });
          });
          return { masks: filled, is_next: argmax(row.seq_relationship_logits) === 0 };
        }
      }
      return {};
    }

    function dispose() {
      tf.dispose(Object.values(weights));
    }

    return { config: config, head: head, forward: forward, run: run, decode: decode, dispose: dispose };
  }

  function argmax(values) {
    var best = 0;
    for (var i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return best;
  }

  function softmax(values) {
    var max = Math.max.apply(null, values);
    var exps = values.map(function (v) { return Math.exp(v - max); });
    var sum = exps.reduce(function (a, b) { return a + b; }, 0);
    return exps.map(function (e) { return e / sum; });
  }

  function joinPieces(pieces) {
    return pieces.join(' ').split(' ##').join('').trim();
  }

  // -------------------------------------------------------------------------------------
  // Loading: over HTTP(S) with fetch and tf.io.loadWeights, or from File objects (file://).

  async function load(tf, baseUrl) {
    baseUrl = (baseUrl || '.').replace(/\/$/, '');
    var response = await fetch(baseUrl + '/model.json');
    if (!response.ok) throw new Error('cannot fetch model.json: HTTP ' + response.status);
    var modelJson = await response.json();
    var vocabResponse = await fetch(baseUrl + '/' + modelJson.tokenizer.vocab);
    if (!vocabResponse.ok) throw new Error('cannot fetch ' + modelJson.tokenizer.vocab + ': HTTP ' + vocabResponse.status);
    var vocabText = await vocabResponse.text();
    var weights = await tf.io.loadWeights(modelJson.weightsManifest, baseUrl);
    return { modelJson: modelJson, model: createModel(tf, modelJson, weights), tokenizer: createTokenizer(vocabText, modelJson.tokenizer.config) };
  }

  /** The export's files as picked in an <input type=file multiple> (pages opened from file://). */
  async function loadFromFiles(tf, files) {
    var byName = new Map();
    Array.from(files).forEach(function (file) { byName.set(file.name, file); });
    var need = function (name) {
      var file = byName.get(name);
      if (!file) throw new Error('pick ' + name + ' too (all files of the export folder)');
      return file;
    };
    var modelJson = JSON.parse(await need('model.json').text());
    var vocabText = await need(modelJson.tokenizer.vocab).text();
    var weights = {};
    for (var group of modelJson.weightsManifest) {
      var buffers = [];
      for (var path of group.paths) buffers.push(await need(path).arrayBuffer());
      Object.assign(weights, tf.io.decodeWeights(buffers, group.weights));
    }
    return { modelJson: modelJson, model: createModel(tf, modelJson, weights), tokenizer: createTokenizer(vocabText, modelJson.tokenizer.config) };
  }

  root.BertWorkbench = {
    FORMAT: FORMAT,
    createTokenizer: createTokenizer,
    createModel: createModel,
    load: load,
    loadFromFiles: loadFromFiles,
    softmax: softmax,
    argmax: argmax,
  };
})(typeof self !== 'undefined' ? self : globalThis);
