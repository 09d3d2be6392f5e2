import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { judgeDillLoadType, judgeImport } from "../../../src/ecosystems/models/pickle-globals.js";
import { PickleScanner, scanPickle } from "../../../src/ecosystems/models/pickle.js";
import { fixtureDir } from "../../helpers/run-rule.js";

const dir = fixtureDir("models/samples", "dangerous");
const imports = (b: Uint8Array): string[] => scanPickle(b).imports.map((i) => `${i.module}.${i.name}`);

describe("pickle opcode reader", () => {
  it("reads the same whatever the chunk size", () => {
    for (const f of readdirSync(dir).filter((x) => /\.(?:pkl|pickle|ckpt|dat|pth|joblib)$/.test(x))) {
      const bytes = readFileSync(`${dir}/${f}`);
      const whole = scanPickle(bytes);
      for (const size of [1, 2, 3, 7, 64]) {
        const s = new PickleScanner();
        for (let o = 0; o < bytes.length; o += size) s.feed(bytes.subarray(o, o + size));
        const r = s.end();
        assert.deepEqual([r.imports, r.streams, r.error, r.trailing], [whole.imports, whole.streams, whole.error, whole.trailing], `${f} in chunks of ${size}`);
      }
    }
  });

  it("resolves STACK_GLOBAL names through the memo, and protocol 0 text names", () => {
    assert.deepEqual(imports(readFileSync(`${dir}/memoised-stack-global.pkl`)), ["builtins.eval"]);
    assert.deepEqual(imports(readFileSync(`${dir}/proto0-unicode-memo.pkl`)), ["subprocess.call"]);
    assert.deepEqual(imports(readFileSync(`${dir}/proto0-inst.pkl`)), ["os.system"]);
  });

  it("reads several streams and stops quietly at raw data after the last one", () => {
    const r = scanPickle(readFileSync(`${dir}/torch-legacy.pth`));
    assert.equal(r.streams, 5);
    assert.equal(r.error, undefined);
    assert.ok(r.trailing > 0);
    assert.deepEqual(imports(readFileSync(`${dir}/hidden-second-stream.pkl`)), ["runpy.run_path"]);
  });

  it("sets apart the imports of a later stream that breaks after them, instead of forgetting them", () => {
    // A complete first stream, then os.system called in a second one that ends in a byte no pickle has: torch's legacy
    // loader unpickles that stream and runs the call before it reaches the break.
    const r = scanPickle(Buffer.from("\x80\x02}q\x00.\x80\x02cos\nsystem\nX\x02\x00\x00\x00id\x85R\xff", "latin1"));
    assert.deepEqual([r.streams, r.error, r.imports, r.afterLast.map((i) => `${i.module}.${i.name}@${i.stream}`)], [1, undefined, [], ["os.system@1"]]);
  });

  it("reports truncation with the offset, and keeps the imports read before it", () => {
    const r = scanPickle(readFileSync(`${dir}/truncated.pkl`));
    assert.equal(r.truncated, true);
    assert.deepEqual(r.imports.map((i) => i.name), ["system"]);
  });

  it("skips big payloads without buffering them, and survives hostile input", () => {
    const big = new Uint8Array(9 + 8 + 1);
    big.set([0x80, 0x04, 0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
    const s = new PickleScanner();
    s.feed(big);
    assert.equal(s.end().truncated, true);
    scanPickle(new Uint8Array(2_000_000).fill(0x28));
    scanPickle(new Uint8Array(2_000_000).fill(0x63));
    scanPickle(Buffer.from("\x80\x02" + "0".repeat(1_000_000) + ".", "latin1"));
  });

  it("judges imports: torch and numpy rebuilders are safe, gadgets dangerous, the rest suspicious", () => {
    for (const [m, n] of [["torch._utils", "_rebuild_tensor_v2"], ["torch", "BFloat16Storage"], ["collections", "OrderedDict"], ["numpy.core.multiarray", "_reconstruct"], ["numpy.core._internal", "_reconstruct"], ["numpy", "float32"], ["transformers.training_args", "TrainingArguments"], ["__builtin__", "set"], ["__builtin__", "xrange"], ["torch.jit._pickle", "restore_type_tag"], ["torch.jit._pickle", "build_intlist"], ["torch", "per_tensor_affine"], ["torch", "per_channel_affine_float_qparams"], ["torch", "FloatTensor"], ["torch.cuda", "HalfTensor"], ["torch._utils", "_rebuild_device_tensor_from_cpu_tensor"]]) assert.equal(judgeImport(m!, n!).verdict, "safe", `${m}.${n}`);
    for (const [m, n] of [["os", "system"], ["nt", "system"], ["builtins", "getattr"], ["__builtin__", "eval"], ["torch.hub", "load"], ["numpy.testing._private.utils", "runstring"], ["operator", "attrgetter"], ["torch", "load"], ["webbrowser", "open"], ["torch._utils", "_import_dotted_name"], ["joblib.externals.cloudpickle", "subimport"], ["joblib.externals.cloudpickle.cloudpickle", "_make_function"], ["joblib.externals.loky.backend.popen_loky_posix", "Popen"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
    // picklescan's gadgets: binding or walking callables, and methods of torch helpers that exec, unpickle or run commands.
    for (const [m, n] of [["functools", "partial"], ["operator", "itemgetter"], ["torch.fx.experimental.symbolic_shapes", "ShapeEnv.evaluate_guards_expression"], ["torch.utils.data.datapipes.utils.decoder", "basichandlers"], ["torch.utils._config_module", "ConfigModule.load_config"], ["torch.utils.collect_env", "run"], ["torch.utils.bottleneck.__main__", "run_cprofile"], ["_operator", "attrgetter"], ["_functools", "partial"], ["_frozen_importlib", "BuiltinImporter.load_module"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
    // A method reached through a class of a known library is code, not data; torch.fx graph modules rebuild their forward with exec.
    assert.equal(judgeImport("sklearn.pipeline", "Pipeline.fit").verdict, "suspicious");
    // Classes of well-known libraries are built by the library's own code: `library`, a step below an unknown import.
    for (const [m, n] of [["sklearn.tree._classes", "DecisionTreeClassifier"], ["torch.nn.modules.linear", "Linear"]]) assert.equal(judgeImport(m!, n!).verdict, "library", `${m}.${n}`);
    assert.equal(judgeImport("torch.fx.graph_module", "reduce_graph_module").verdict, "suspicious");
    assert.equal(judgeImport("__main__", "Net").verdict, "suspicious");
    // The rest of torch.jit loads and compiles code; torch.distributed's data classes (DTensor) are not its RPC.
    assert.equal(judgeImport("torch.jit._pickle", "load").verdict, "dangerous");
    assert.equal(judgeImport("torch.distributed.rpc", "rpc_sync").verdict, "dangerous");
    assert.equal(judgeImport("torch.distributed.tensor._api", "DTensor").verdict, "suspicious");
    assert.equal(judgeImport("sklearn.utils", "run_script").verdict, "suspicious");
  });

  it("takes a STACK_GLOBAL with fewer than two values above the last MARK for the stack underflow it is in Python, not a computed import", () => {
    for (const stream of ["\x80\x04\x93.", "\x80\x04\x8c\x02os\x93.", "\x80\x04\x8c\x02os(\x8c\x06system\x93."]) {
      const r = scanPickle(Buffer.from(stream, "latin1"));
      assert.deepEqual(r.computedImports, [], JSON.stringify(stream));
      assert.match(r.error?.message ?? "", /stack underflow/);
    }
    // Two values above the MARK (or no MARK at all) are a module and a name, computed (a call's result) or literal.
    assert.equal(scanPickle(Buffer.from("\x80\x04(\x8c\x01a\x8c\x08builtins\x8c\x03str\x93\x8c\x01b\x85R\x93.", "latin1")).computedImports.length, 1);
    assert.deepEqual(scanPickle(Buffer.from("\x80\x04(\x8c\x02os\x8c\x06system\x93.", "latin1")).imports.map((i) => `${i.module}.${i.name}`), ["os.system"]);
  });

  it("takes a STACK_GLOBAL or a call on a number, None, bytes or a container for the break it is in Python, not a computed import", () => {
    // Python's STACK_GLOBAL takes two str ("STACK_GLOBAL requires str"), and REDUCE cannot call a constant: random bytes
    // read as opcodes hold such pairs now and then (`N`, `K\x05`, `)` then 0x93), and import nothing.
    for (const stream of ["\x80\x04\x8c\x02osN\x93.", "\x80\x04K\x05\x8c\x06system\x93.", "\x80\x04)\x8c\x01a\x93.", "\x80\x04\x8c\x01a\x8c\x01b\x86\x8c\x01c\x93.", "\x80\x04C\x02os\x8c\x06system\x93.", "\x80\x02I12\n]\x93.", "\x80\x02(K\x01K\x02t\x8c\x01a\x93."]) {
      for (const fastPath of [true, false]) {
        const s = new PickleScanner({ fastPath });
        s.feed(Buffer.from(stream, "latin1"));
        const r = s.end();
        assert.deepEqual(r.computedImports, [], JSON.stringify(stream));
        assert.match(r.error?.message ?? "", /STACK_GLOBAL requires str/, JSON.stringify(stream));
      }
    }
    const call = scanPickle(Buffer.from("\x80\x04K\x01)R\x8c\x01a\x93.", "latin1"));
    assert.match(call.error?.message ?? "", /not callable/);
    // A value fetched back from the memo is what was put there; a call's result or a persistent id may be a str.
    assert.match(scanPickle(Buffer.from("\x80\x04N\x94\x8c\x01a\x94h\x00h\x01\x93.", "latin1")).error?.message ?? "", /requires str/);
    assert.equal(scanPickle(Buffer.from("\x80\x04\x8c\x01aQ\x8c\x01b\x93.", "latin1")).computedImports.length, 1);
    assert.equal(scanPickle(Buffer.from("\x80\x04\x8c\x02os\x94\x8c\x08builtins\x8c\x03str\x93h\x00\x85R\x8c\x06system\x93.", "latin1")).computedImports.length, 1);
  });

  it("judges the classes of well-known ML libraries as library, and only their classes outside their test, dataset, I/O and trainer subpackages", () => {
    for (const [m, n] of [["sklearn.pipeline", "Pipeline"], ["sklearn.tree._tree", "Tree"], ["xgboost.core", "Booster"], ["lightgbm.sklearn", "LGBMClassifier"], ["scipy.sparse._csr", "csr_matrix"], ["scipy.sparse.dia", "dia_matrix"], ["scipy.stats._continuous_distns", "norm_gen"], ["scipy.stats._distn_infrastructure", "rv_continuous_frozen"], ["scipy.spatial._ckdtree", "cKDTree"], ["scipy.interpolate._interpolate", "interp1d"], ["pandas.core.frame", "DataFrame"], ["pandas._libs.internals", "_unpickle_block"], ["pandas.core.indexes.base", "_new_Index"], ["transformers.models.bert.modeling_bert", "BertModel"], ["transformers.activations", "GELUActivation"], ["torch.nn.functional", "relu"], ["scipy.special._ufuncs", "expit"], ["torch.optim.adam", "Adam"], ["sklearn.neighbors._kd_tree", "newObj"], ["ultralytics.nn.tasks", "DetectionModel"], ["ultralytics.nn.modules.block", "C2f"]]) {
      const v = judgeImport(m!, n!);
      assert.equal(v.verdict, "library", `${m}.${n}`);
    }
    assert.match(judgeImport("xgboost.core", "Booster").reason, /is a class of XGBoost: loading the file rebuilds that object with the library's own code/);
    // Functions, methods, names at a package's top (re-exports such as pandas.HDFStore, which opens a file), and subpackages that
    // test, download, read files, log or train stay unknown; a project's own class too.
    for (const [m, n] of [["sklearn.utils", "run_script"], ["sklearn.pipeline", "Pipeline.fit"], ["pandas", "HDFStore"], ["torchvision.datasets.mnist", "MNIST"], ["pytorch_lightning.loggers.comet", "CometLogger"], ["transformers.trainer", "Trainer"], ["transformers.integrations.integration_utils", "CometCallback"], ["transformers.testing_utils", "CaptureStd"], ["ultralytics.engine.exporter", "Exporter"], ["pandas.core.computation.expr", "Expr"], ["mypkg.model", "Net"], ["numpy", "vectorize"], ["numpy", "apply_along_axis"], ["pandas.core.util", "unpickle_file"], ["sklearn.externals.joblib.numpy_pickle", "NDArrayWrapper"]]) assert.equal(judgeImport(m!, n!).verdict, "suspicious", `${m}.${n}`);
  });

  it("takes Lightning's and OmegaConf's containers and joblib's array wrapper for data; knows NumPy's ufunc importer, scikit-learn's script runner and standard-library gadgets re-exported by a library", () => {
    for (const [m, n] of [["pytorch_lightning.utilities.parsing", "AttributeDict"], ["lightning_fabric.utilities.data", "AttributeDict"], ["omegaconf.dictconfig", "DictConfig"], ["omegaconf.listconfig", "ListConfig"], ["omegaconf.base", "ContainerMetadata"], ["omegaconf.nodes", "AnyNode"], ["joblib.numpy_pickle", "NumpyArrayWrapper"], ["sklearn.externals.joblib.numpy_pickle", "NumpyArrayWrapper"], ["pathlib", "PosixPath"], ["argparse", "Namespace"], ["numpy", "log1p"], ["numpy", "mean"], ["numpy", "exp"], ["transformers.generation.configuration_utils", "GenerationConfig"]]) assert.equal(judgeImport(m!, n!).verdict, "safe", `${m}.${n}`);
    for (const [m, n] of [["numpy.core", "_ufunc_reconstruct"], ["numpy._core", "_ufunc_reconstruct"], ["sklearn.utils._testing", "assert_run_python_script_without_output"], ["sklearn.utils.testing", "assert_run_python_script"], ["scipy.sparse._matrix_io", "save_npz"], ["numpy", "fromfile"], ["numpy", "savetxt"], ["transformers.utils.import_utils", "Popen"], ["sklearn.utils._show_versions", "ZipFile"], ["torch.nn.modules.module", "FileHandler"], ["joblib.numpy_pickle", "load"], ["gensim.utils", "unpickle"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
  });

  it("judges NumPy scalars, masked and record arrays, matrices and random states as data: checkpoints store metrics as np.float64", () => {
    for (const [m, n] of [["numpy.core.multiarray", "scalar"], ["numpy._core.multiarray", "scalar"], ["numpy.random._pickle", "__randomstate_ctor"], ["numpy.random._mt19937", "MT19937"], ["numpy.ma.core", "_mareconstruct"], ["numpy._core.numeric", "_frombuffer"], ["numpy.core.numeric", "_frombuffer"], ["numpy.ma", "MaskedArray"], ["numpy.rec", "recarray"], ["numpy", "record"], ["numpy", "matrix"]]) assert.equal(judgeImport(m!, n!).verdict, "safe", `${m}.${n}`);
  });

  it("judges Python 2 module names as the modules Python 3's unpickler imports in their place", () => {
    // _compat_pickle's IMPORT_MAPPING, applied to protocols 0-2: cStringIO.open is io.open, SocketServer is socketserver.
    for (const [m, n] of [["cStringIO", "open"], ["StringIO", "open"], ["SocketServer", "TCPServer"], ["xmlrpclib", "ServerProxy"], ["Tkinter", "Tk"], ["_winreg", "SetValue"], ["BaseHTTPServer", "HTTPServer"], ["test.test_support", "run_unittest"]]) {
      const v = judgeImport(m!, n!);
      assert.equal(v.verdict, "dangerous", `${m}.${n}`);
      assert.match(v.reason, /Python 2's name for/);
    }
    assert.equal(judgeImport("copy_reg", "_reconstructor").verdict, "safe");
    assert.equal(judgeImport("UserDict", "UserDict").verdict, "suspicious");
    assert.equal(judgeImport("pathlib", "PosixPath").verdict, "safe");
  });

  it("judges the gadgets of other published bypasses as dangerous: expression evaluators, model downloaders, file readers and writers", () => {
    for (const [m, n] of [["sympy", "sympify"], ["sympy.parsing.sympy_parser", "parse_expr"], ["numexpr", "evaluate"], ["transformers", "AutoModel.from_pretrained"], ["diffusers.pipelines", "DiffusionPipeline.from_pretrained"], ["huggingface_hub", "hf_hub_download"], ["torch.utils.model_zoo", "load_url"], ["pandas", "read_sql"], ["torch", "from_file"], ["torch", "save"], ["numpy", "loadtxt"], ["numpy.lib.format", "read_array"], ["numpy", "DataSource"], ["_pyio", "open"], ["io", "open_code"], ["torch.fx.graph_module", "_forward_from_src"], ["keras.src.saving.saving_lib", "load_model"], ["torch.multiprocessing", "spawn"], ["wave", "open"], ["_sitebuiltins", "_Printer"], ["pathlib", "Path.write_text"], ["pathlib", "PosixPath.unlink"], ["numpy", "ndarray.tofile"], ["numpy", "ndarray.dump"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
  });

  it("judges a dotted name by where its attribute path leads, as protocol 4 resolves it", () => {
    // Through a module's imports to a gadget, or through Python internals to every builtin.
    for (const [m, n] of [["numpy", "prod.os.system"], ["collections", "os.system"], ["torch._utils", "sys.modules"], ["numpy", "__builtins__"], ["numpy.core", "_internal.__dict__"], ["mypkg", "Model.__init__.__globals__"], ["builtins", "dict.get"], ["random", "_os.system"], ["enum", "_sys.modules"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
    // Nested classes and methods of ordinary classes stay what they were.
    for (const [m, n] of [["mypkg.config", "Trainer.Config"], ["sklearn.pipeline", "Pipeline.fit"], ["mypkg", "Outer.code"], ["mypkg", "Model._signal.emit"]]) assert.equal(judgeImport(m!, n!).verdict, "suspicious", `${m}.${n}`);
    assert.equal(judgeImport("torch._utils", "_rebuild_tensor_v2").verdict, "safe");
  });

  it("takes NumPy 2's seed sequences, built-in exception classes and Tk constants for data; their neighbours stay judged", () => {
    for (const [m, n] of [["numpy.random.bit_generator", "SeedSequence"], ["numpy.random.bit_generator", "__pyx_unpickle_SeedSequence"], ["numpy.random.bit_generator", "__pyx_unpickle_SeedlessSeedSequence"], ["builtins", "ValueError"], ["builtins", "UserWarning"], ["__builtin__", "KeyError"], ["exceptions", "StandardError"], ["exceptions", "ValueError"], ["Tkconstants", "END"], ["tkinter.constants", "N"]]) assert.equal(judgeImport(m!, n!).verdict, "safe", `${m}.${n}`);
    for (const [m, n] of [["builtins", "ValueError.__init__.__globals__"], ["builtins", "eval"], ["tkinter.constants", "__builtins__"], ["Tkconstants", "__dict__"], ["tkinter", "Tk"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
    for (const [m, n] of [["numpy.random.bit_generator", "__pyx_unpickle_Other"], ["exceptions", "eval"]]) assert.equal(judgeImport(m!, n!).verdict, "suspicious", `${m}.${n}`);
  });

  it("stops at a FRAME longer than sys.maxsize, as both of Python's unpicklers do, with the length in the message; imports after it are still read", () => {
    const payload = Buffer.from("cos\nsystem\n\x8c\x02id\x85R.", "latin1");
    for (const [high, length] of [[0x80, "9223372036854775808"], [0xff, "18446744073709551615"]] as const) {
      const frame = Buffer.from([0x80, 0x04, 0x95, high === 0xff ? 0xff : 0, ...Array(6).fill(high === 0xff ? 0xff : 0), high]);
      for (const fastPath of [true, false]) {
        const s = new PickleScanner({ fastPath });
        s.feed(Buffer.concat([frame, payload]));
        const r = s.end();
        assert.equal(r.error?.offset, 2);
        assert.match(r.error?.message ?? "", new RegExp(`^FRAME length ${length} exceeds what Python's unpicklers accept`));
        assert.deepEqual(r.imports.map((i) => `${i.module}.${i.name}`), ["os.system"]);
      }
    }
    // 2^63 - 1 is a length the pure-Python unpickler reads on past (the C one says the data was truncated): no error of its own.
    assert.equal(scanPickle(Buffer.concat([Buffer.from([0x80, 0x04, 0x95, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), payload])).error, undefined);
    // In bytes that may not be a pickle, the scan stops there: nothing after it is an import.
    const maybe = new PickleScanner({ stopAtError: true });
    maybe.feed(Buffer.concat([Buffer.from([0x80, 0x04, 0x95, 0, 0, 0, 0, 0, 0, 0, 0x80]), payload]));
    assert.deepEqual(maybe.end().imports, []);
  });

  it("takes a GLOBAL or INST whose names are not UTF-8 for the break it is in Python: no import, an error at the opcode", () => {
    for (const bytes of ["cmod\n\xf8\n.", "(S'x'\nios\nsyst\xe9m\n."]) {
      const r = scanPickle(Buffer.from(bytes, "latin1"));
      assert.deepEqual(r.imports, []);
      assert.match(r.error?.message ?? "", /not UTF-8, which Python's unpickler refuses/);
    }
    // UTF-8 names are read as UTF-8, not byte by byte.
    assert.deepEqual(imports(Buffer.from("cm\xc3\xb6d\nf\n.", "latin1")), ["m\u00f6d.f"]);
  });

  it("judges built-ins that only compute a value as data (type(None) pickles as builtins.type), and 3.13's pathlib._local as pathlib", () => {
    for (const [m, n] of [["builtins", "type"], ["__builtin__", "type"], ["builtins", "len"], ["builtins", "max"], ["pathlib._local", "PosixPath"], ["pathlib._local", "PureWindowsPath"]]) assert.equal(judgeImport(m!, n!).verdict, "safe", `${m}.${n}`);
    // Standard-library data holders, as the pickler names them: types.SimpleNamespace(a=1), random.Random(1), array.array, a logger.
    for (const [m, n] of [["types", "SimpleNamespace"], ["random", "Random"], ["array", "_array_reconstructor"], ["array", "array"], ["_io", "StringIO"], ["logging", "getLogger"]]) assert.equal(judgeImport(m!, n!).verdict, "safe", `${m}.${n}`);
    for (const [m, n] of [["types", "FunctionType"], ["random", "_os.system"], ["logging", "FileHandler"], ["logging.config", "listen"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
    for (const [m, n] of [["builtins", "map"], ["builtins", "iter"], ["builtins", "print"], ["pathlib._local", "PosixPath.write_text"], ["pathlib._local", "Path.unlink"], ["_signal", "raise_signal"], ["_signal", "pthread_kill"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
  });

  it("keeps the type names dill's _load_type is called with, however the stream builds the call, on both paths and in any chunks", () => {
    const cases: [string, string[], boolean][] = [
      // Protocol 2 (GLOBAL, TUPLE1, REDUCE), as dill writes type(None).
      ["\x80\x02cdill._dill\n_load_type\nq\x00X\x08\x00\x00\x00NoneTypeq\x01\x85q\x02Rq\x03.", ["NoneType"], false],
      // Protocol 4: STACK_GLOBAL memoised, fetched back (BINGET) for a second call.
      ["\x80\x04}\x94(\x8c\x01t\x94\x8c\ndill._dill\x94\x8c\n_load_type\x94\x93\x94\x8c\x08NoneType\x94\x85\x94R\x94\x8c\x01s\x94h\x04\x8c\x05slice\x94\x85\x94R\x94K\x01K\x02N\x87\x94R\x94u.", ["NoneType", "slice"], false],
      // Protocol 0 (MARK, text string, TUPLE), INST and OBJ.
      ["cdill._dill\n_load_type\np0\n(VNoneType\np1\ntp2\nRp3\n.", ["NoneType"], false],
      ["(S'CodeType'\nidill._dill\n_load_type\n.", ["CodeType"], false],
      ["(cdill._dill\n_load_type\nS'FunctionType'\no.", ["FunctionType"], false],
      // An argument that is no literal: the result of another call, or a tuple of two.
      ["\x80\x02cdill._dill\n_load_type\nq\x00cbuiltins\nstr\nX\x08\x00\x00\x00CodeType\x85R\x85R.", [], true],
      ["\x80\x02cdill._dill\n_load_type\nX\x01\x00\x00\x00aX\x01\x00\x00\x00b\x86R.", [], true],
    ];
    for (const [text, names, unknown] of cases) {
      const bytes = Buffer.from(text, "latin1");
      for (const fastPath of [true, false]) {
        for (const chunk of [1, 3, bytes.length]) {
          const sc = new PickleScanner({ fastPath });
          for (let o = 0; o < bytes.length; o += chunk) sc.feed(bytes.subarray(o, o + chunk));
          const r = sc.end();
          assert.deepEqual([r.loadTypes, r.loadTypeUnknown, r.error], [names, unknown, undefined], `${JSON.stringify(text)} fast=${fastPath} chunks of ${chunk}`);
        }
      }
    }
    // The verdict follows the names: data types are data, a code or function constructor (or partial) is a gadget.
    assert.equal(judgeDillLoadType(["NoneType", "slice", "EllipsisType", "int", "ValueError"], false).verdict, "safe");
    for (const names of [["NoneType", "CodeType"], ["FunctionType"], ["PartialType"], ["ModuleType"], ["map"]]) assert.equal(judgeDillLoadType(names, false).verdict, "dangerous", names.join());
    assert.equal(judgeDillLoadType(["NoneType"], true).verdict, "dangerous");
  });

  it("takes dill's _load_type calls as unknown once the memo is no longer trusted: a _load_type fetched back then is called unseen", () => {
    // 65,537 distinct memo keys past the paged memo lose it; then `_load_type` is memoised, fetched back and called for CodeType.
    const n = 64 * 1024 + 1;
    const puts = Buffer.alloc(n * 5);
    for (let k = 0; k < n; k++) {
      puts[k * 5] = 0x72;
      puts.writeUInt32LE(16 * 1024 * 1024 + k, k * 5 + 1);
    }
    const call = Buffer.from("0cdill._dill\n_load_type\nq\x000h\x00\x8c\x08CodeType\x85R.", "latin1");
    const r = scanPickle(Buffer.concat([Buffer.from([0x80, 0x04, 0x4e]), puts, call]));
    assert.deepEqual(r.imports.map((i) => `${i.module}.${i.name}`), ["dill._dill._load_type"]);
    assert.equal(r.loadTypeUnknown, true);
    assert.equal(judgeDillLoadType(r.loadTypes, r.loadTypeUnknown).verdict, "dangerous");
  });

  it("judges subinterpreters and the scanners themselves as dangerous, as fickling does", () => {
    for (const [m, n] of [["_interpreters", "run_string"], ["_xxsubinterpreters", "create"], ["picklescan.scanner", "scan_pickle_bytes"], ["fickling", "always_check_safety"], ["modelscan.modelscan", "ModelScan"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
  });

  it("judges the standard library's private command runners, file handlers and library loaders as dangerous, as picklescan lists them", () => {
    for (const [m, n] of [["_aix_support", "_read_cmd_output"], ["_osx_support", "_read_output"], ["_pyrepl.pager", "pipe_pager"], ["uuid", "_get_command_stdout"], ["test.support.script_helper", "assert_python_ok"], ["logging", "FileHandler"], ["codecs", "open"], ["numpy.lib._npyio_impl", "load"], ["torch", "ops.load_library"]]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
    for (const [m, n] of [["uuid", "UUID"], ["logging", "Logger"], ["codecs", "encode"]]) assert.notEqual(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
  });

  it("judges fickling's unsafe modules and the other file, process and registry gadgets as dangerous; their data classes stay data", () => {
    for (const [m, n] of [
      ["operator", "call"], ["_operator", "getitem"], ["functools", "partialmethod"], ["_functools", "reduce"], ["pexpect", "spawn"], ["mmap", "mmap"], ["glob", "glob"],
      ["filecmp", "cmp"], ["syslog", "syslog"], ["unittest.mock", "_importer"], ["_ssl", "_SSLContext"], ["_posixshmem", "shm_open"],
      // copyreg.add_extension(module, name, code) makes a later EXT opcode import module.name: the names never appear as an import.
      ["copyreg", "add_extension"], ["copy_reg", "add_extension"], ["uuid", "getnode"], ["uuid", "_find_mac_near_keyword"], ["pandas.core.frame", "DataFrame.to_pickle"],
      ["numpy.lib._format_impl", "read_array"], ["joblib", "dump"], ["torch.serialization", "_open_file"], ["torch._weights_only_unpickler", "load"],
      ["tensorflow.python.ops.gen_io_ops", "write_file"], ["tensorflow.python.ops.script_ops", "py_func"], ["nltk.data", "load"], ["scipy.io", "savemat"],
      ["logging", "basicConfig"], ["types", "new_class"],
    ]) assert.equal(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
    for (const [m, n] of [["copyreg", "_reconstructor"], ["copy_reg", "_reconstructor"], ["copyreg", "__newobj__"], ["uuid", "UUID"], ["torch.serialization", "_get_layout"]]) assert.equal(judgeImport(m!, n!).verdict, "safe", `${m}.${n}`);
    for (const [m, n] of [["pandas._libs.tslibs.offsets", "to_offset"], ["types", "SimpleNamespace"], ["logging", "getLogger"]]) assert.notEqual(judgeImport(m!, n!).verdict, "dangerous", `${m}.${n}`);
  });
});

describe("pickle opcode reader: the fast path", () => {
  // Random streams over the opcodes the fast path takes and the ones it leaves to the general
  // path (imports, STOP, memo growth, underflow, bad bytes, joblib's wrapper), read in random
  // chunks: both paths must agree on everything they report.
  const pieces: number[][] = [
    [0x28], [0x7d], [0x5d], [0x29], [0x8f], [0x4e], [0x88], [0x89], [0x4b, 7], [0x4d, 1, 2], [0x4a, 1, 2, 3, 4], [0x47, 0, 0, 0, 0, 0, 0, 0, 0],
    [0x94], [0x71, 0], [0x71, 3], [0x71, 200], [0x68, 0], [0x68, 2], [0x68, 250], [0x6a, 1, 0, 0, 0], [0x72, 5, 0, 0, 0], [0x67, 0x31, 0x0a], [0x70, 0x32, 0x0a],
    [0x61], [0x62], [0x30], [0x73], [0x85], [0x86], [0x87], [0x52], [0x81], [0x65], [0x75], [0x90], [0x74], [0x6c], [0x64], [0x91], [0x6f], [0x31], [0x32],
    [0x8c, 2, 0x6f, 0x73], [0x8c, 6, 0x73, 0x79, 0x73, 0x74, 0x65, 0x6d], [0x8c, 0], [0x58, 3, 0, 0, 0, 0x65, 0x76, 0x61], [0x43, 2, 1, 2], [0x95, 4, 0, 0, 0, 0, 0, 0, 0], [0x95, 0, 0, 0, 0, 0, 0, 0, 0x80],
    [0x93], [0x63, ...Buffer.from("os\nsystem\n")], [0x8c, 20, ...Buffer.from("joblib.numpy_pickle")], [0x8c, 17, ...Buffer.from("NumpyArrayWrapper")],
    [0x82, 9], [0x2e], [0x2e, 0x80, 0x04], [0xff], [0x42, 4, 0, 0, 0, 1, 2, 3, 4],
    // dill's _load_type and a type name: the names kept for its calls must agree too.
    [0x63, ...Buffer.from("dill._dill\n_load_type\n")], [0x8c, 8, ...Buffer.from("NoneType")], [0x8c, 8, ...Buffer.from("CodeType")],
    // Names put in the memo and fetched back for an import: a memo slip shows as a different import.
    ...[0, 1, 2, 3].map((k) => [0x8c, 2, 0x6f, 0x73, 0x71, k]),
    ...[0, 1, 2, 3].map((k) => [0x8c, 4, 0x65, 0x76, 0x61, 0x6c, 0x71, k]),
    ...[0, 1, 2, 3].map((k) => [0x8c, 4, 0x65, 0x78, 0x65, 0x63, 0x94, 0x68, k, 0x93]),
    ...[0, 1, 2, 3].map((k) => [0x68, k, 0x68, (k + 1) % 4, 0x93]),
  ];
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const read = (bytes: Uint8Array, fastPath: boolean, chunk: number) => {
    const s = new PickleScanner({ fastPath });
    for (let o = 0; o < bytes.length; o += chunk) s.feed(bytes.subarray(o, o + chunk));
    return s.end();
  };

  it("agrees with the general path on random streams, whatever the chunk size", () => {
    for (let t = 0; t < 400; t++) {
      const parts: number[] = [0x80, 0x04];
      const len = 1 + rand(300);
      for (let k = 0; k < len; k++) parts.push(...(pieces[rand(pieces.length)] as number[]));
      if (rand(2) === 0) parts.push(0x2e);
      const bytes = Uint8Array.from(parts);
      const chunk = [1, 2, 5, 17, bytes.length][rand(5)] as number;
      assert.deepEqual(read(bytes, true, chunk), read(bytes, false, chunk), `case ${t} (chunks of ${chunk}): ${Buffer.from(bytes).toString("hex")}`);
    }
  });

  it("agrees on the dangerous samples", () => {
    for (const f of readdirSync(dir).filter((x) => /\.(?:pkl|pickle|ckpt|dat|pth|joblib)$/.test(x))) {
      const bytes = readFileSync(`${dir}/${f}`);
      assert.deepEqual(read(bytes, true, 7), read(bytes, false, 7), f);
      assert.deepEqual(read(bytes, true, bytes.length), read(bytes, false, bytes.length), f);
    }
  });
});

describe("pickle opcode reader: the memo as Python keeps it", () => {
  const su = (t: string) => [0x8c, t.length, ...Buffer.from(t)];
  const stream = (...parts: (number | number[])[]) => Uint8Array.from(parts.flat());

  it("MEMOIZE writes at the memo's size (its key count), not past its highest index: a sparse BINPUT does not shift it", () => {
    // After BINPUT 1 the memo holds one key, so MEMOIZE writes "os" at 1, over "collections"; after BINPUT 2 it holds two, so
    // "system" goes at 2, over "OrderedDict". GET 1 and GET 2 fetch os and system, as pickle.load resolves them.
    const b = stream(0x80, 4, su("collections"), 0x71, 1, 0x30, su("os"), 0x94, 0x30, su("OrderedDict"), 0x71, 2, 0x30, su("system"), 0x94, 0x30, 0x68, 1, 0x68, 2, 0x93, su("echo"), 0x85, 0x52, 0x2e);
    for (const size of [1, 5, b.length]) {
      const s = new PickleScanner();
      for (let o = 0; o < b.length; o += size) s.feed(b.subarray(o, o + size));
      assert.deepEqual(s.end().imports.map((i) => `${i.module}.${i.name}`), ["os.system"], `chunks of ${size}`);
    }
  });

  it("counts a memo key put far past the memo's pages, so MEMOIZE after it writes where Python's does", () => {
    // LONG_BINPUT 2^24 is a key to Python (its memo is a dict, or a table grown to fit), so the next MEMOIZE writes at 2,
    // not 1: GET 0 and GET 2 fetch builtins and eval, as pickle.load resolves them, never builtins and dict.
    const far = [0x72, 0, 0, 0, 1];
    const b = stream(0x80, 4, su("builtins"), 0x94, su("x"), far, su("eval"), 0x94, su("dict"), 0x94, 0x30, 0x30, 0x30, 0x30, 0x68, 0, 0x68, 2, 0x93, su("1"), 0x85, 0x52, 0x2e);
    for (const fastPath of [true, false]) for (const size of [1, 5, b.length]) {
      const s = new PickleScanner({ fastPath });
      for (let o = 0; o < b.length; o += size) s.feed(b.subarray(o, o + size));
      assert.deepEqual(s.end().imports.map((i) => `${i.module}.${i.name}`), ["builtins.eval"], `chunks of ${size}, fast path ${fastPath}`);
    }
    // The far key itself reads back.
    assert.deepEqual(imports(stream(0x80, 4, su("os"), far, 0x30, su("system"), 0x72, 1, 0, 0, 1, 0x30, 0x6a, 0, 0, 0, 1, 0x6a, 1, 0, 0, 1, 0x93, 0x2e)), ["os.system"]);
  });

  it("reads a joblib wrapper inside an object array's stream as plain pickle.load does: no array bytes follow it there", () => {
    // joblib reads an object array with pickle.load, so a wrapper in that stream is an ordinary object and the bytes after
    // its BUILD are opcodes (a GLOBAL of os.system here), and wrappers do not nest (each level would keep a memo).
    const bu = (t: string): string => `X${String.fromCharCode(t.length, 0, 0, 0)}${t}`;
    const wrapper = (dtype: string, n: number): string => `cjoblib.numpy_pickle\nNumpyArrayWrapper\n)\x81}(${bu("shape")}K${String.fromCharCode(n)}\x85${bu("dtype")}${bu(dtype)}ub`;
    const b = Buffer.from(`\x80\x02${wrapper("O8", 1)}\x80\x02${wrapper("u1", 11)}cos\nsystem\n..`, "latin1");
    const r = scanPickle(b);
    assert.deepEqual(r.imports.map((i) => `${i.module}.${i.name}`), ["joblib.numpy_pickle.NumpyArrayWrapper", "os.system"]);
    assert.equal(r.error, undefined);
  });

  it("reads PUT and GET arguments as Python's int() does: 1_0 is 10", () => {
    const text = "S'collections'\np10\n0S'os'\np1_0\n0S'OrderedDict'\np11\n0S'system'\np1_1\n0g10\ng11\n\x93S'x'\n\x85R.";
    assert.deepEqual(imports(Buffer.from(text, "latin1")), ["os.system"]);
    assert.deepEqual(imports(Buffer.from("S'os'\np 7 \n0S'system'\np+8\n0g7\ng8\n\x93.", "latin1")), ["os.system"], "spaces and a sign");
  });

  it("decodes protocol 0 strings as codecs.escape_decode does: octal, hex and one-character escapes, unknown ones kept", () => {
    assert.deepEqual(imports(Buffer.from("S'\\157s'\nS'\\163ystem'\n\x93S'id'\n\x85R.", "latin1")), ["os.system"]);
    assert.deepEqual(imports(Buffer.from("S\"\\x6fs\"\nS'sys\\164em'\n\x93.", "latin1")), ["os.system"]);
    assert.deepEqual(imports(Buffer.from("S'a\\qb'\nS'c\\\\d'\n\x93.", "latin1")), ["a\\qb.c\\d"]);
  });
});

describe("pickle opcode reader: memo and string pages", () => {
  const str = (s: string): number[] => {
    const b = [...Buffer.from(s, "utf8")];
    return b.length < 256 ? [0x8c, b.length, ...b] : [0x58, b.length & 255, b.length >> 8, 0, 0, ...b];
  };
  const le4 = (k: number): number[] => [k & 255, (k >> 8) & 255, (k >> 16) & 255, k >>> 24];
  const read = (bytes: Uint8Array, fastPath: boolean, chunk: number) => {
    const s = new PickleScanner({ fastPath });
    for (let o = 0; o < bytes.length; o += chunk) s.feed(bytes.subarray(o, o + chunk));
    return s.end();
  };

  it("resolves names memoised far past the first memo and string pages, on both paths and in any chunks", () => {
    // 30,000 memoised strings (short, 64+ bytes, UTF-8) fill several memo and string pages; names
    // are then fetched back from the middle and the end of the memo, and put far ahead (LONG_BINPUT).
    const parts: number[] = [0x80, 0x04, 0x5d, 0x28];
    for (let k = 0; k < 30_000; k++) {
      parts.push(...str(k % 7 === 0 ? `é${"x".repeat(60 + (k % 300))}` : `s${k}`), k % 2 ? 0x94 : 0x72, ...(k % 2 ? [] : le4(k)));
      if (k % 1000 === 999) parts.push(0x65, 0x28);
    }
    parts.push(0x6a, ...le4(12_345), 0x6a, ...le4(29_999), 0x93, 0x30);
    parts.push(...str("subprocess"), 0x72, ...le4(100_000), 0x30, ...str("os"), 0x6a, ...le4(100_000), 0x6a, ...le4(28_007), 0x93, 0x30);
    parts.push(0x6a, ...le4(99_999), 0x6a, ...le4(7), 0x93, 0x65, 0x2e);
    const bytes = Uint8Array.from(parts);
    const whole = read(bytes, true, bytes.length);
    assert.deepEqual(
      whole.imports.map((i) => `${i.module}.${i.name}`),
      ["s12345.s29999", `subprocess.é${"x".repeat(60 + (28_007 % 300))}`],
    );
    assert.equal(whole.computedImports.length, 1, "an index the sparse put left empty is not a name");
    assert.equal(whole.error, undefined);
    for (const chunk of [1, 3, 1000, 65_536]) {
      assert.deepEqual(read(bytes, true, chunk), whole, `fast path, chunks of ${chunk}`);
      assert.deepEqual(read(bytes, false, chunk), whole, `general path, chunks of ${chunk}`);
    }
  });

  it("keeps no more protocol 0 text strings than binary ones: past 64 MiB of them they are opaque and the scan says so", () => {
    // 70,000 strings of 1,000 characters (a stream a few megabytes of gzip inflate to); each is kept until the cap.
    const s = new PickleScanner();
    s.feed(Buffer.from("(", "latin1"));
    for (let k = 0; k < 70_000; k += 10_000) s.feed(Buffer.from(Array.from({ length: 10_000 }, (_, j) => `S'${String(k + j).padEnd(1000, "x")}'\n`).join(""), "latin1"));
    s.feed(Buffer.from("l.", "latin1"));
    const r = s.end();
    assert.deepEqual([r.capped, r.error], [true, undefined]);
  });

  it("reads an opcode cut by a chunk boundary as when whole", () => {
    // A GLOBAL's two lines, a long string, a LONG1, a big payload skipped and a joblib-less BINBYTES, cut at every offset.
    const parts = [0x80, 0x02, 0x63, ...Buffer.from("posix\nsystem\n"), 0x29, 0x52, 0x30, 0x8a, 3, 1, 2, 3, 0x30, ...str("y".repeat(300)), 0x30, 0x42, ...le4(2000), ...new Array<number>(2000).fill(7), 0x30, 0x56, ...Buffer.from("a\\u0041\n"), 0x30];
    parts.push(...str("builtins"), ...str("eval"), 0x93, 0x2e);
    const bytes = Uint8Array.from(parts);
    const whole = read(bytes, true, bytes.length);
    assert.deepEqual(whole.imports.map((i) => `${i.module}.${i.name}`), ["posix.system", "builtins.eval"]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const s = new PickleScanner();
      s.feed(bytes.subarray(0, cut));
      s.feed(bytes.subarray(cut));
      assert.deepEqual(s.end(), whole, `cut at ${cut}`);
    }
  });
});
