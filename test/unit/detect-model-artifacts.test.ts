// A service that loads a trained model file (joblib.load("model.joblib"), an ONNX session, a Keras
// load_model) serves a model even when it imports no ML library: issue 3 names loaded model artifacts as
// detection evidence. A pickle of data, an HDF5 data file, or a mention in a comment is not a model.
import * as assert from 'assert';
import { importsOf } from '../../server/src/engine/projects/imports';
import { projectsOf } from './detect-weak.test';

const FLASK_SERVICE = [
  'import os',
  'import joblib',
  'from flask import Flask, request',
  '',
  'app = Flask(__name__)',
  'pipeline = joblib.load(os.path.join(os.path.dirname(__file__), "artifacts", "churn_pipeline.joblib"))',
  '',
  '@app.post("/predict")',
  'def predict():',
  '    return {"churn": pipeline.predict([request.json["features"]]).tolist()}',
  '',
].join('\n');

describe('detection: loaded model artifacts', () => {
  it('importsOf names the model file of a load call, with its kind', () => {
    assert.ok(importsOf('python', FLASK_SERVICE).includes('artifact:joblib:churn_pipeline.joblib'));
    assert.ok(importsOf('python', 'import pickle\nclf = pickle.load(open("models/rf_classifier.pkl", "rb"))\n').includes('artifact:pkl:rf_classifier.pkl'));
    assert.ok(importsOf('python', 'from tensorflow.keras.models import load_model\nnet = load_model("net.h5")\n').includes('artifact:h5:net.h5'));
    assert.ok(importsOf('js', "const session = await ort.InferenceSession.create('./model.onnx');\n").includes('artifact:onnx:model.onnx'));
  });

  it('data pickles, HDF5 data, and mentions that are not load calls are not model files', () => {
    const names = (lang: 'python' | 'js', text: string) => importsOf(lang, text).filter((n) => n.startsWith('artifact:'));
    assert.deepStrictEqual(names('python', 'import pickle\nrows = pickle.load(open("cache/rows.pkl", "rb"))\n'), []);
    assert.deepStrictEqual(names('python', 'import h5py\nf = h5py.File("data.h5")\nx = np.load("x.h5")\n'), []);
    assert.deepStrictEqual(names('python', '# we used to joblib.dump the model to model.joblib\nprint("model.joblib")\n'), []);
  });

  it('a Flask app whose manifest names no ML library but which loads a joblib pipeline is a classic-ML project', async () => {
    const [p, ...rest] = await projectsOf({ 'requirements.txt': 'flask==3.0.3\njoblib==1.4.2\n', 'app.py': FLASK_SERVICE });
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(p?.aiKind, 'classic-ml');
    assert.ok(p.aiEvidence.some((e) => e.file === 'app.py' && e.note === 'loads the model file churn_pipeline.joblib'), JSON.stringify(p.aiEvidence));
    assert.ok(!p.frameworks.some((f) => f.startsWith('artifact:')), p.frameworks.join());
  });

  it('the same app without the load call is not an AI project', async () => {
    const projects = await projectsOf({ 'requirements.txt': 'flask==3.0.3\njoblib==1.4.2\n', 'app.py': FLASK_SERVICE.replace(/^pipeline = .*$/m, 'pipeline = None') });
    assert.deepStrictEqual(projects, []);
  });
});
