// The page of a TF.js export: loads the model (over HTTP, or from picked files when opened
// from file://), then predicts for the text typed. `?backend=cpu|webgl|wasm` picks the
// TensorFlow.js backend; by default TensorFlow.js picks the fastest it has.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var loaded = null;

  var LABELS = {
    'sequence-classification': ['Text', 'Second text (optional)'],
    'token-classification': ['Text', null],
    'question-answering': ['Question', 'Context'],
    pretraining: ['Text with [MASK] tokens', 'Next sentence (optional)'],
  };

  function setStatus(text) {
    $('status').textContent = text;
  }

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }

  function table(rows) {
    var t = document.createElement('table');
    rows.forEach(function (values) {
      var tr = document.createElement('tr');
      values.forEach(function (v) { cell(tr, v); });
      t.appendChild(tr);
    });
    return t;
  }

  function show(prediction, outputs, encoding, head) {
    var details = $('details');
    details.textContent = '';
    var text = '';
    switch (head) {
      case 'sequence-classification':
        text = prediction.score === undefined ? prediction.label + ': ' + prediction.value.toFixed(4) : prediction.label + ' (' + (100 * prediction.score).toFixed(1) + '%)';
        if (prediction.probabilities) details.appendChild(table(prediction.probabilities.map(function (p) { return [p.label, p.probability.toFixed(4)]; })));
        break;
      case 'token-classification':
        text = prediction.tokens.filter(function (t) { return t.label !== 'O'; }).map(function (t) { return t.token + ' ' + t.label; }).join(', ') || 'no entities';
        details.appendChild(table(prediction.tokens.map(function (t) { return [t.token, t.label]; })));
        break;
      case 'question-answering':
        text = prediction.answer || '(no answer)';
        break;
      case 'pretraining':
        text = prediction.masks.length ? prediction.masks.map(function (m) { return m.token; }).join(' ') : 'type [MASK] where a word should be filled in';
        break;
    }
    $('prediction').textContent = text;
    $('tokens').textContent = encoding.tokens.join(' ');
    $('logits').textContent = JSON.stringify(outputs);
    $('result').hidden = false;
  }

  async function predict(event) {
    event.preventDefault();
    if (!loaded) return;
    var head = loaded.modelJson.head.name;
    var pair = $('pair').value.trim();
    var options = { truncation: head === 'question-answering' && pair ? 'only_second' : 'longest_first', maxLength: loaded.maxLength };
    try {
      var encoding = loaded.tokenizer.encode($('text').value, pair ? pair : undefined, options);
      var started = performance.now();
      var rows = await loaded.model.run([encoding]);
      show(loaded.model.decode(rows[0], encoding, loaded.tokenizer), rows[0], encoding, head);
      setStatus('Ready (' + tf.getBackend() + ' backend), ' + Math.round(performance.now() - started) + ' ms');
    } catch (error) {
      setStatus('Error: ' + error.message);
    }
  }

  function ready(result) {
    loaded = result;
    var config = result.modelJson.config;
    var head = result.modelJson.head;
    loaded.maxLength = Math.min(config.max_position_embeddings, result.modelJson.tokenizer.config.model_max_length || Infinity);
    $('title').textContent = head.architecture + ' (' + config.num_hidden_layers + ' layers, hidden ' + config.hidden_size + ')';
    var labels = LABELS[head.name] || LABELS['sequence-classification'];
    $('text-label').textContent = labels[0];
    $('pair-label').hidden = $('pair').hidden = labels[1] === null;
    if (labels[1]) $('pair-label').textContent = labels[1];
    $('pick').hidden = true;
    $('form').hidden = false;
    setStatus('Ready (' + tf.getBackend() + ' backend, weights ' + result.modelJson.weightStorage + ')');
  }

  async function start() {
    var backend = new URLSearchParams(location.search).get('backend');
    if (backend) await tf.setBackend(backend);
    await tf.ready();
    $('form').addEventListener('submit', predict);
    $('files').addEventListener('change', function () {
      setStatus('Loading the picked files…');
      BertWorkbench.loadFromFiles(tf, $('files').files).then(ready, function (error) { setStatus('Error: ' + error.message); });
    });
    if (location.protocol === 'file:') {
      $('pick').hidden = false;
      setStatus('Pick the export\u2019s files to load the model.');
      return;
    }
    try {
      ready(await BertWorkbench.load(tf, '.'));
    } catch (error) {
      setStatus('Error: ' + error.message);
      $('pick').hidden = false;
    }
  }

  start();
})();
