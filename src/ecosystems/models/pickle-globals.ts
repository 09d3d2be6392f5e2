// What an import in a pickle means. Unpickling an import (GLOBAL, INST, STACK_GLOBAL) hands the
// loader a callable from the victim's environment, which REDUCE, NEWOBJ, OBJ, INST and BUILD
// then call: `os.system` runs a command. Real model files import a small set of tensor, storage,
// array and container classes; known code-execution gadgets are critical; the classes of well-known
// ML libraries (estimators, boosters, whole torch.nn modules) are rebuilt by the library's own code;
// anything else is suspicious (it may be a project's own class, or a gadget this list does not know).

/**
 * How an import is judged. `library`: a class of a well-known ML or data library (a scikit-learn
 * estimator, an XGBoost booster, a whole torch.nn module), which loading builds with the library's
 * own code: no gadget is known in it, but the file is only as safe as that library's classes.
 */
export type ImportVerdict = "safe" | "library" | "suspicious" | "dangerous";

/** Whole modules (and their submodules) whose every callable can run code, reach the network or touch files. */
const DANGEROUS_MODULES = [
  "os", "nt", "posix", "posixpath", "ntpath", "subprocess", "_posixsubprocess", "_winapi", "socket", "_socket", "ssl", "select", "selectors",
  "runpy", "pty", "shutil", "webbrowser", "importlib", "imp", "zipimport", "pkgutil", "sys", "code", "codeop", "pdb", "bdb", "timeit", "cProfile",
  "profile", "trace", "pydoc", "doctest", "commands", "popen2", "platform", "ctypes", "_ctypes", "cffi", "marshal", "pickle", "_pickle", "cPickle",
  "pickletools", "shelve", "dill", "cloudpickle", "asyncio", "multiprocessing", "concurrent", "threading", "_thread", "thread", "signal",
  "requests", "urllib", "urllib2", "urllib3", "http", "httplib", "httpx", "aiohttp", "ftplib", "smtplib", "poplib", "imaplib", "telnetlib",
  "xmlrpc", "socketserver", "paramiko", "pip", "setuptools", "distutils", "ensurepip", "venv", "tempfile", "fileinput", "io.open", "io.FileIO", "_io.open", "_io.FileIO",
  "builtins.open", "linecache", "tarfile", "zipfile", "site", "sysconfig", "gc", "inspect", "types.FunctionType", "types.CodeType", "types.MethodType", "types.LambdaType", "types.ModuleType", "_imp", "idlelib", "lib2to3", "tkinter",
  "mailcap", "pipes", "nntplib", "asyncore", "asynchat", "compileall", "py_compile", "zipapp", "pyexpat", "nturl2path", "uuid._popen", "smtpd", "cgi", "cgitb", "wsgiref", "code.InteractiveInterpreter", "rlcompleter",
  "torch.hub", "torch.package", "torch.jit", "torch._C", "torch.utils.cpp_extension", "torch.distributed.rpc", "torch.distributed.run", "torch.distributed.launch",
  "torch.distributed.launcher", "torch.distributed.elastic", "torch._dynamo", "torch._inductor",
  "numpy.testing", "numpy.distutils", "numpy.f2py", "numpy.ctypeslib", "numpy.lib.npyio", "keras.utils.get_file", "tensorflow.io",
  "tensorflow.python.io", "tensorflow.python.platform", "joblib.load",
  // scikit-learn's test helpers run the Python source they are given in a child interpreter (assert_run_python_script…).
  "sklearn.utils._testing", "sklearn.utils.testing", "IPython", "jinja2", "yaml", "ruamel", "pandas.io", "sqlite3",
  "_sqlite3", "dbm", "logging.config", "operator.methodcaller",
  // Gadgets inside otherwise harmless torch namespaces, as picklescan lists them: exec of a guard expression, a
  // decoder that unpickles its input, a config loader that unpickles, a profiler and an environment probe that run commands.
  "torch.fx.experimental.symbolic_shapes", "torch.utils.data.datapipes.utils.decoder", "torch.utils._config_module", "torch.utils.bottleneck",
  "torch.utils.collect_env",
  // importlib's frozen bootstrap: its loaders import and run any module.
  "_frozen_importlib", "_frozen_importlib_external",
  // Subinterpreters run Python source handed to them (as fickling lists them).
  "_interpreters", "_xxsubinterpreters", "_interpchannels", "_xxinterpchannels", "_interpqueues",
  // Private helpers of the standard library that run a command or a pager, as picklescan lists them (GHSA-g38g-8gr9-h9xp).
  "_aix_support", "_osx_support", "_pyrepl", "_tkinter", "uuid._get_command_stdout", "test.support",
  // Handlers and openers that write or read a path the pickle names (picklescan's logging.FileHandler case).
  "logging.FileHandler", "logging.handlers", "codecs.open", "bz2.open", "lzma.open", "gzip.open", "argparse.FileType", "atexit",
  // NumPy 2's private home of np.load, and the file-backed array constructors.
  "numpy.lib._npyio_impl", "numpy.lib.format.open_memmap", "numpy.core.memmap", "numpy._core.memmap",
  // A model has no business with the scanners that judge it: importing one is an attempt to switch it off (fickling's scanner-deactivation check).
  "picklescan", "fickling", "modelscan", "modelaudit",
  // Python's pure-Python io and the site helpers open the files they are given; readline and winreg write them.
  "_pyio", "io.open_code", "_io.open_code", "_sitebuiltins", "readline", "winreg", "_winreg", "tokenize.open", "wave.open", "aifc.open", "sunau.open",
  // Functions that evaluate the expression string they are given: sympify and parse_expr call eval, and numexpr
  // did before 2.8.5 (CVE-2023-39631).
  "sympy.sympify", "sympy.parse_expr", "sympy.parsing", "sympy.core.sympify", "numexpr.evaluate", "numexpr.necompiler",
  // Downloaders and loaders of other models: what they fetch is unpickled or run in turn.
  "huggingface_hub", "torch.utils.model_zoo", "torchvision.datasets.utils", "torch.multiprocessing", "torch.testing", "numpy.lib._datasource",
  "numpy.DataSource", "keras.src.saving", "keras.saving", "tf_keras.src.saving",
  // The copies of cloudpickle other libraries vendor (its subimport imports any module, _make_function builds code), and
  // the process pools beside them (loky, dill's multiprocess).
  "joblib.externals.cloudpickle", "joblib.externals.loky", "srsly.cloudpickle", "ray.cloudpickle", "pyspark.cloudpickle", "multiprocess",
  // fickling's unsafe modules beyond picklescan's names: operator and functools whole (operator.call calls what it is
  // handed, functools.partialmethod binds it as partial does), the C modules behind ssl and shared memory,
  // pexpect's process spawners, mmap, file enumeration and comparison, syslog, and unittest (its loader and mock.patch
  // import any module by name).
  "operator", "_operator", "functools", "_functools", "_ssl", "_posixshmem", "_multiprocessing", "pexpect", "mmap", "glob", "filecmp",
  "syslog", "unittest",
  // Loaders that take a path or URL: torch's file openers and its weights-only unpickler, TensorFlow's file and Python ops
  // as their generated modules name them, NLTK's downloader and its loader (which unpickles what it fetches).
  "torch._weights_only_unpickler", "torch.serialization._open_file", "torch.serialization._open_zipfile_reader", "torch.serialization._open_zipfile_writer",
  "tensorflow.python.ops.gen_io_ops", "tensorflow.python.ops.io_ops", "tensorflow.python.ops.script_ops", "tensorflow.python.ops.gen_script_ops",
  "tensorflow.python.lib.io", "nltk.download", "nltk.downloader", "nltk.data.load",
];

/** Single callables that run code or load another pickle. */
const DANGEROUS_NAMES = new Set([
  "builtins.eval", "builtins.exec", "builtins.execfile", "builtins.compile", "builtins.open", "builtins.getattr", "builtins.setattr", "builtins.delattr",
  "builtins.__import__", "builtins.breakpoint", "builtins.input", "builtins.globals", "builtins.locals", "builtins.vars", "builtins.apply",
  "builtins.file", "builtins.reload", "builtins.help", "builtins.__loader__", "builtins.__build_class__", "builtins.memoryview",
  "torch.load", "torch.serialization.load", "torch.serialization._load", "torch.serialization._legacy_load", "numpy.load", "numpy.fromfile",
  "numpy.save", "numpy.savetxt", "numpy.tofile", "numpy.memmap", "pandas.read_pickle", "pandas.read_csv", "pandas.eval", "pandas.core.computation.eval.eval",
  "numpy.core.multiarray.fromfile", "numpy._core.multiarray.fromfile", "functools.reduce", "operator.attrgetter", "operator.methodcaller", "copyreg._reconstructor.__call__",
  "keras.models.load_model", "tensorflow.keras.models.load_model", "joblib.load",
  // joblib.load as its pickles name it (by its defining module), its old copy in scikit-learn, and gensim's loader and
  // writer of pickles by path.
  "joblib.numpy_pickle.load", "joblib.numpy_pickle_compat.load_compatibility", "sklearn.externals.joblib.load", "sklearn.externals.joblib.numpy_pickle.load",
  "gensim.utils.unpickle", "gensim.utils.pickle", "scipy.io.loadmat", "torch.storage._load_from_bytes",
  // picklescan's dangerous list: partial binds any callable to its arguments (partial(os.system, "…")), itemgetter walks
  // containers the way attrgetter walks attributes.
  "functools.partial", "operator.itemgetter",
  // The C modules behind operator and functools export the same callables under their own names.
  "_operator.attrgetter", "_operator.itemgetter", "_operator.methodcaller", "_functools.partial", "_functools.reduce",
  // Keras calls a config may name to download a file or switch off safe mode (CVE-2025-8747, CVE-2025-9906).
  "keras.src.utils.file_utils.get_file", "tensorflow.keras.utils.get_file", "keras.config.enable_unsafe_deserialization",
  "keras.src.saving.serialization_lib.enable_unsafe_deserialization", "keras.saving.load_model", "keras.src.saving.saving_api.load_model",
  // torch.ops and torch.classes load a shared library from a path.
  "torch.ops.load_library", "torch._ops.ops.load_library", "torch.classes.load_library", "torch._classes.classes.load_library",
  // torch's and NumPy's file readers and writers, beside numpy.fromfile and numpy.save above; torch's loader of its
  // own shared libraries; read_array unpickles an object array from the file it is handed.
  "torch.from_file", "torch.save", "torch.serialization.save", "torch._load_global_deps", "torch.export.load", "torch.export.pt2_archive._package.load_pt2",
  "numpy.savez", "numpy.savez_compressed", "scipy.sparse.save_npz", "scipy.sparse._matrix_io.save_npz", "numpy.loadtxt", "numpy.genfromtxt", "numpy.fromregex", "numpy.lib.format.read_array",
  // torch.fx's helpers that exec the source string they are given (a GraphModule's own reduce_graph_module stays suspicious:
  // real graph modules are pickled through it).
  "torch.fx.graph_module._forward_from_src", "torch.fx.graph_module._exec_with_source", "torch.fx.graph_module._method_from_src",
  // torch's import-by-name helper: `_import_dotted_name("os.system")` is os.system. NumPy's unpickler of ufuncs
  // (pickles before NumPy 1.20) is `getattr(__import__(module), name)`: `_ufunc_reconstruct("os", "system")` is os.system.
  "torch._utils._import_dotted_name", "numpy.core._ufunc_reconstruct", "numpy._core._ufunc_reconstruct",
  // NumPy 2's private homes of read_array and open_memmap; writers of files and pickles by path (joblib's dump, torch's
  // memory snapshot, SciPy's savers); logging's basicConfig opens the file it is given; types.new_class calls the body
  // function it is handed.
  "numpy.lib._format_impl.read_array", "numpy.lib._format_impl.open_memmap", "joblib.dump", "joblib.numpy_pickle.dump", "torch.cuda.memory._dump_snapshot",
  "scipy.io.savemat", "scipy.io.matlab.savemat", "scipy.io.mmwrite", "scipy.io.wavfile.write", "logging.basicConfig", "types.new_class",
]);

/** Callables named by what they do, whatever their library: load another model (from a hub or a path) or read a file into a frame. */
const DANGEROUS_ATTRIBUTE = /(?:^|\.)(?:from_pretrained|from_single_file|load_from_checkpoint|hf_hub_download|snapshot_download)$/;

/**
 * What TorchScript's and libtorch's pickler writes inside torch.jit: list builders and the type tag of
 * typed containers (torch/csrc/jit/serialization/pickler.cpp). Harmless, unlike the rest of torch.jit.
 */
const TORCH_JIT_PICKLE = new Set(["build_intlist", "build_tensorlist", "build_doublelist", "build_boollist", "build_tensor_from_id", "restore_type_tag"]);

/** Imports real checkpoints and arrays make (torch, numpy, collections, builtins' plain types). */
const SAFE_NAMES = new Set([
  "collections.OrderedDict", "collections.defaultdict", "collections.Counter", "collections.deque", "collections.namedtuple", "collections.ChainMap",
  "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_parameter",
  "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_sparse_csr_tensor", "torch._utils._rebuild_nested_tensor",
  "torch._utils._rebuild_device_tensor_from_numpy", "torch._utils._rebuild_device_tensor_from_cpu_tensor", "torch._utils._rebuild_meta_tensor_no_storage", "torch._utils._rebuild_qtensor", "torch._utils._rebuild_wrapper_subclass",
  "torch._utils._rebuild_xla_tensor", "torch._utils._rebuild_mlc_tensor", "torch._utils._rebuild_tensor_from_dtensor", "torch._tensor._rebuild_from_type_v2",
  "torch._tensor._rebuild_from_type", "torch.Size", "torch.device", "torch.dtype", "torch.layout", "torch.memory_format", "torch.Tensor", "torch.nn.parameter.Parameter",
  "torch.nn.parameter.Buffer", "torch.storage._TypedStorage", "torch.storage.TypedStorage", "torch.storage.UntypedStorage", "torch.storage._UntypedStorage",
  "torch.serialization._get_layout", "torch._utils._type", "torch._utils._cuda", "torch.torch_version.TorchVersion", "torch.return_types.max", "torch.return_types.min",
  "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.ndarray", "numpy.dtype",
  "numpy.core._multiarray_umath._reconstruct", "numpy.bool_", "numpy.str_", "numpy.bytes_",
  // How NumPy before 1.0 pickled an array (NumPy keeps the name for those pickles): ndarray.__new__ of an ndarray subtype.
  "numpy.core._internal._reconstruct",
  // NumPy scalars (`np.float64(0.5)`: a dtype and its raw bytes, as checkpoints store metrics) and NumPy's other data
  // classes and random generator states; each builds data and calls nothing it is handed.
  "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
  // How NumPy pickles an array with protocol 5 (Python 3.14's default): frombuffer on the pickle's own bytes, reshaped.
  "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer", "numpy.recarray", "numpy.rec.recarray", "numpy.record", "numpy.rec.record", "numpy.core.records.recarray",
  "numpy.core.records.record", "numpy.matrix", "numpy.matrixlib.defmatrix.matrix", "numpy.ma.core._mareconstruct", "numpy.ma.core.MaskedArray", "numpy.ma.MaskedArray",
  "numpy.random._pickle.__randomstate_ctor", "numpy.random._pickle.__bit_generator_ctor", "numpy.random._pickle.__generator_ctor", "numpy.random._mt19937.MT19937",
  "numpy.random._pcg64.PCG64", "numpy.random._pcg64.PCG64DXSM", "numpy.random._philox.Philox", "numpy.random._sfc64.SFC64", "numpy.random.mtrand.RandomState",
  "numpy.random._generator.Generator",
  // NumPy 2 pickles a Generator's seed sequence through Cython's generated unpickler, which builds the class it is handed
  // only if it is that class, and sets its fields.
  "numpy.random.bit_generator.SeedSequence", "numpy.random.bit_generator.__pyx_unpickle_SeedSequence", "numpy.random.bit_generator.SeedlessSeedSequence",
  "numpy.random.bit_generator.__pyx_unpickle_SeedlessSeedSequence",
  "_codecs.encode", "codecs.encode", "copy_reg._reconstructor", "copyreg._reconstructor", "copyreg.__newobj__", "copy_reg.__newobj__", "copyreg.__newobj_ex__",
  "builtins.object", "builtins.set", "builtins.frozenset", "builtins.slice", "builtins.complex", "builtins.bytearray", "builtins.range", "builtins.dict",
  "builtins.list", "builtins.tuple", "builtins.int", "builtins.float", "builtins.str", "builtins.bytes", "builtins.bool", "builtins.NoneType", "builtins.Ellipsis",
  "builtins.NotImplemented", "builtins.long", "builtins.unicode", "builtins.xrange", "builtins.basestring", "builtins.reversed", "builtins.enumerate", "builtins.zip",
  "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta", "datetime.timezone", "decimal.Decimal", "fractions.Fraction", "uuid.UUID",
  "argparse.Namespace", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePosixPath", "pathlib.PureWindowsPath", "pathlib.Path", "re._compile",
  "typing.Any", "enum.Enum",
  // Standard-library data holders as Python's pickler writes them: a namespace and a random generator rebuilt empty and
  // given their state, an array from its type code and bytes, an in-memory text buffer, and a logger, which pickles as
  // `getLogger(name)` (the named logger, with no handler or file of its own).
  "types.SimpleNamespace", "random.Random", "array.array", "array._array_reconstructor", "_io.StringIO", "logging.getLogger",
  // Built-ins that compute a value from what they are given and call nothing else: `type` is what Python's pickler
  // writes for the classes of None, NotImplemented and Ellipsis (`type(None)`), and a pipeline or config may hold
  // `len`, `abs` or `max` as a function (fickling's safe built-ins, less those that call what they are handed: REDUCE
  // passes positional arguments only, so min and max get no key function).
  ...["type", "abs", "len", "round", "pow", "divmod", "sum", "min", "max", "all", "any", "hash", "id", "repr", "ascii", "bin", "hex", "oct", "ord", "chr",
    "isinstance", "issubclass", "callable", "format"].map((n) => `builtins.${n}`),
]);

/**
 * Classes of ML libraries vetted one by one as data (training-argument dataclasses, enums and tokenizer
 * bindings, as fickling's ML allowlist has them; config and hyperparameter containers; joblib's array
 * wrapper): the Hugging Face trainer's, Lightning's and joblib's files import them. Other classes of
 * those libraries are `library` (see LIBRARY); anything else is suspicious.
 */
const VETTED_NAMES = new Set([
  "transformers.training_args.TrainingArguments", "transformers.training_args.OptimizerNames", "transformers.training_args_seq2seq.Seq2SeqTrainingArguments",
  "transformers.trainer_utils.IntervalStrategy", "transformers.trainer_utils.SchedulerType", "transformers.trainer_utils.HubStrategy",
  "transformers.trainer_utils.EvaluationStrategy", "transformers.trainer_utils.FSDPOption", "transformers.trainer_utils.SaveStrategy",
  "transformers.trainer_utils.ShardedDDPOption", "transformers.trainer_pt_utils.AcceleratorConfig", "transformers.integrations.deepspeed.HfTrainerDeepSpeedConfig",
  "transformers.integrations.deepspeed.HfDeepSpeedConfig", "transformers.deepspeed.HfTrainerDeepSpeedConfig", "transformers.deepspeed.HfDeepSpeedConfig",
  "accelerate.state.PartialState", "accelerate.utils.dataclasses.DistributedType", "accelerate.utils.dataclasses.DeepSpeedPlugin", "accelerate.utils.deepspeed.HfDeepSpeedConfig",
  "tokenizers.Tokenizer", "tokenizers.AddedToken", "tokenizers.models.Model", "sentence_transformers.training_args.SentenceTransformerTrainingArguments",
  "sentence_transformers.training_args.BatchSamplers", "sentence_transformers.training_args.MultiDatasetBatchSamplers", "trl.trainer.sft_config.SFTConfig",
  "trl.trainer.grpo_config.GRPOConfig", "trl.trainer.kto_config.KTOConfig", "trl.trainer.dpo_config.FDivergenceType", "_io.BytesIO",
  "trl.trainer.dpo_config.DPOConfig", "trl.trainer.orpo_config.ORPOConfig", "trl.trainer.cpo_config.CPOConfig", "trl.trainer.reward_config.RewardConfig",
  "trl.trainer.ppo_config.PPOConfig", "transformers.debug_utils.DebugOption", "transformers.training_args.ParallelMode",
  // A Seq2Seq trainer's generation settings and accelerate's data loader settings: dataclasses of numbers and strings.
  "transformers.generation.configuration_utils.GenerationConfig", "accelerate.utils.dataclasses.DataLoaderConfiguration",
  // PyTorch Lightning's hyperparameters and Hydra's configs (OmegaConf containers, their nodes and metadata): dict and
  // attribute holders that keep what they are given (interpolations resolve on access, through resolvers the loading
  // program registers). torch.load's users allow-list exactly these to load Lightning checkpoints with weights_only.
  "pytorch_lightning.utilities.parsing.AttributeDict", "lightning.pytorch.utilities.parsing.AttributeDict", "lightning_fabric.utilities.data.AttributeDict",
  "lightning.fabric.utilities.data.AttributeDict", "omegaconf.dictconfig.DictConfig", "omegaconf.listconfig.ListConfig", "omegaconf.base.ContainerMetadata",
  "omegaconf.base.Metadata", "omegaconf.nodes.AnyNode", "omegaconf.nodes.StringNode", "omegaconf.nodes.IntegerNode", "omegaconf.nodes.FloatNode",
  "omegaconf.nodes.BooleanNode", "omegaconf.nodes.EnumNode", "omegaconf.nodes.BytesNode", "omegaconf.nodes.PathNode",
  // joblib's array wrapper: what every joblib file holds in place of an ndarray (its shape, dtype and order; joblib reads
  // the raw bytes that follow, and an object array's own pickle, which is judged as a stream of its own). Old
  // scikit-learn vendored joblib under sklearn.externals.
  "joblib.numpy_pickle.NumpyArrayWrapper", "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper",
]);

/**
 * Well-known ML and data libraries whose classes model pickles hold (estimators, boosters, whole torch.nn modules,
 * frames and sparse matrices). Loading builds them with the library's own constructor and __setstate__; the gadgets
 * these libraries do hold are on the dangerous lists above, and their test, dataset, I/O, download, logger and
 * trainer subpackages are left out (LIBRARY_EXCLUDED). Pickles name a class by the submodule that defines it, so a
 * name at a package's top (`pandas.HDFStore`, a re-export of an I/O class) is not one of these.
 */
const LIBRARY = /^(?:sklearn|xgboost|lightgbm|catboost|scipy|pandas|statsmodels|gensim|transformers|sentence_transformers|tokenizers|timm|torchvision|torchaudio|pytorch_lightning|lightning|lightning_fabric|ultralytics|torch\.nn|torch\.optim)\./;
/** Subpackages of those libraries that read files, download, compile, run code or test: their classes stay unknown. */
const LIBRARY_EXCLUDED = /(?:^|\.)(?:_?testing|_?tests?|_testutils|testing_utils|integrations|datasets|externals|io|fx|hub|jit|weave|cli|commands|utils\.cpp_extension|pipelines|agents|tools|dynamic_module_utils|computation|app|serve|iolib|loggers|trainer|strategies|plugins|accelerators|engine|solutions)(?:\.|$)/;
/**
 * A class, by the naming convention these libraries follow (CapWords), or by SciPy's lower-case class names: sparse
 * formats (`csr_matrix`, which scikit-learn's vectorizers and encoders hold), distributions and their frozen forms
 * (`norm_gen`, `rv_continuous_frozen`), Cython classes (`cKDTree`) and `interp1d`. Never a method reached through one
 * (a dotted name), nor a lower-case function (SciPy's `save_npz` writes the path it is given).
 */
const LIBRARY_CLASS = /^(?:_?[A-Z][A-Za-z0-9]{0,80}|[a-z][a-z0-9_]{0,40}_(?:gen|frozen|matrix|array)|c[A-Z][A-Za-z0-9]{1,40}|interp[12n]d)$/;
/**
 * Modules of math functions alone: torch.nn's functional module (what a whole pickled module holds as its
 * activation, `self.act = F.relu`) and SciPy's special functions (`expit` in a FunctionTransformer).
 */
const LIBRARY_FUNCTIONS = /^(?:torch\.nn\.functional|scipy\.special(?:\._ufuncs|\._basic|\._logsumexp)?)$/;
/** The libraries' own unpickling helpers (pandas' `_new_Index`, `_unpickle_block`, Cython's `__pyx_unpickle_Tree`). */
const LIBRARY_REBUILDER = /^(?:__pyx_unpickle_[A-Za-z0-9_]{1,80}|_new_[A-Za-z]{1,40}|_unpickle_[a-z_]{1,40}|_[a-z]{1,30}_unpickle|new_block(?:_2d)?|newObj)$/;

/** Names of the libraries above, for messages. */
const LIBRARY_NAMES: Readonly<Record<string, string>> = {
  sklearn: "scikit-learn", xgboost: "XGBoost", lightgbm: "LightGBM", catboost: "CatBoost", scipy: "SciPy", pandas: "pandas", statsmodels: "statsmodels",
  gensim: "gensim", transformers: "Hugging Face transformers", sentence_transformers: "sentence-transformers", tokenizers: "Hugging Face tokenizers",
  timm: "timm", torchvision: "torchvision", torchaudio: "torchaudio", pytorch_lightning: "PyTorch Lightning", lightning: "Lightning", lightning_fabric: "Lightning Fabric",
  ultralytics: "Ultralytics (YOLO)", torch: "PyTorch",
};

/**
 * Python's built-in exception and warning classes (Python 2's `exceptions` module held them): calling one stores its
 * arguments and runs nothing, and results files pickle them (a fold's ValueError, a UserWarning).
 */
const BUILTIN_EXCEPTIONS = new Set(
  (
    "BaseException BaseExceptionGroup Exception ExceptionGroup ArithmeticError AssertionError AttributeError BlockingIOError BrokenPipeError BufferError " +
    "BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError " +
    "EncodingWarning EnvironmentError FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning " +
    "IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError " +
    "NotADirectoryError NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError PythonFinalizationError " +
    "RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError " +
    "SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning " +
    "UserWarning ValueError Warning ZeroDivisionError StandardError WindowsError"
  ).split(" "),
);

/**
 * NumPy's math functions, as a pickled pipeline names them (scikit-learn's `FunctionTransformer(np.log1p)`, an
 * aggregation `np.mean`): a ufunc or reduction computes on the arrays it is handed and touches nothing else. Only
 * these: NumPy's top level also holds file readers and writers (`load`, `fromfile`, `savetxt`) and callers of
 * the callables they are given (`vectorize`, `apply_along_axis`).
 */
const NUMPY_MATH = new RegExp(
  "^numpy\\.(?:log|log1p|log2|log10|exp|expm1|exp2|sqrt|cbrt|square|abs|absolute|fabs|sign|negative|positive|reciprocal|sin|cos|tan|arcsin|arccos|arctan|" +
    "sinh|cosh|tanh|arcsinh|arccosh|arctanh|floor|ceil|round|around|rint|trunc|fix|clip|mean|median|sum|prod|std|var|min|max|amin|amax|ptp|nanmean|" +
    "nanmedian|nansum|nanprod|nanstd|nanvar|nanmin|nanmax|argmax|argmin|nanargmax|nanargmin|percentile|quantile|nanpercentile|nanquantile|average|" +
    "cumsum|cumprod|maximum|minimum|fmax|fmin|add|subtract|multiply|divide|true_divide|floor_divide|power|float_power|mod|remainder|hypot|arctan2|" +
    "logaddexp|logaddexp2|isnan|isinf|isfinite|deg2rad|rad2deg|degrees|radians|sinc|heaviside)$",
);
const NUMPY_SCALAR = /^numpy\.(?:u?int(?:8|16|32|64)?|float(?:16|32|64|128)?|complex(?:64|128|256)?|longlong|ulonglong|intc|uintc|half|single|double|longdouble|bool|object_|void|datetime64|timedelta64)$/;
const TORCH_STORAGE = /^torch\.(?:cuda\.)?(?:Float|Double|Half|BFloat16|Long|Int|Short|Char|Byte|Bool|ComplexFloat|ComplexDouble|QInt8|QUInt8|QInt32|QUInt4x2|QUInt2x4|Float8_e4m3fn|Float8_e5m2|UInt16|UInt32|UInt64)Storage$/;
/**
 * The legacy tensor classes and the quantisation schemes: a quantised tensor pickles its scheme by name
 * (`torch.per_tensor_affine`, in _rebuild_qtensor's arguments), and torch.load's weights_only allow-list
 * holds both, as it holds the storages and dtypes.
 */
const TORCH_TENSOR_CLASS = /^torch\.(?:(?:cuda\.)?(?:Float|Double|Half|BFloat16|Long|Int|Short|Char|Byte|Bool)Tensor|per_tensor_(?:affine|symmetric)|per_channel_(?:affine|symmetric|affine_float_qparams))$/;
const TORCH_DTYPE = /^torch\.(?:float(?:8_e4m3fn|8_e5m2|8_e4m3fnuz|8_e5m2fnuz|16|32|64)?|bfloat16|half|double|u?int(?:1|2|3|4|5|6|7|8|16|32|64)|long|short|bool|complex(?:32|64|128)|cfloat|cdouble|qint8|quint8|qint32|quint4x2|quint2x4|bits\d{1,2}(?:x\d)?|strided|sparse_coo|sparse_csr|channels_last|contiguous_format|preserve_format)$/;
/** Names that act (run, load, write, connect): an unknown import with one of these is more than a class. */
const ACTION = /(?:^|[._])(?:system|popen|spawn\w{0,4}|exec\w{0,4}|eval|run\w{0,8}|call|check_output|load\w{0,6}|loads|compile|open|write\w{0,6}|remove|unlink|rmtree|import\w{0,6}|getattr|setattr|fork|kill|urlopen|urlretrieve|request|connect|socket|download\w{0,6}|install|shell|command|invoke|apply|start)$/i;

/** Python internals an attribute path walks through to reach builtins, globals or other classes (`numpy.__builtins__`, `f.__globals__`). */
const INTERNAL = /^__(?:builtins|globals|dict|class|bases?|mro|subclasses|import|getattribute|getattr|code|func|self|closure|loader|spec|reduce|reduce_ex)__$/;

/**
 * Python 2 module names that Python 3's unpickler imports under their new name (`_compat_pickle`'s
 * IMPORT_MAPPING, applied to protocols 0-2, which every PyTorch checkpoint uses): `cStringIO` `open`
 * is `io.open`. Only the ones that lead somewhere judged differently from an unknown module are listed.
 */
const PYTHON2_MODULES: Readonly<Record<string, string>> = {
  __builtin__: "builtins", __builtins__: "builtins", copy_reg: "copyreg", SocketServer: "socketserver", Tkinter: "tkinter", tkFileDialog: "tkinter.filedialog",
  tkSimpleDialog: "tkinter.simpledialog", tkMessageBox: "tkinter.messagebox", ScrolledText: "tkinter.scrolledtext", Tix: "tkinter.tix", ttk: "tkinter.ttk",
  FileDialog: "tkinter.filedialog", SimpleDialog: "tkinter.simpledialog", Dialog: "tkinter.dialog", Tkdnd: "tkinter.dnd", tkFont: "tkinter.font",
  tkColorChooser: "tkinter.colorchooser", tkCommonDialog: "tkinter.commondialog", _winreg: "winreg", thread: "_thread", dummy_thread: "_dummy_thread",
  xmlrpclib: "xmlrpc.client", SimpleXMLRPCServer: "xmlrpc.server", DocXMLRPCServer: "xmlrpc.server", httplib: "http.client", Cookie: "http.cookies",
  cookielib: "http.cookiejar", BaseHTTPServer: "http.server", SimpleHTTPServer: "http.server", CGIHTTPServer: "http.server", "test.test_support": "test.support",
  commands: "subprocess", urlparse: "urllib.parse", robotparser: "urllib.robotparser", urllib2: "urllib.request", cPickle: "pickle", StringIO: "io", cStringIO: "io",
  anydbm: "dbm", whichdb: "dbm", dbhash: "dbm.bsd", dumbdbm: "dbm.dumb", gdbm: "dbm.gnu", UserDict: "collections", UserList: "collections", UserString: "collections",
};

/** Modules Python's pickler names in place of the public module that exports what they define. */
const DEFINED_IN: Readonly<Record<string, string>> = { "pathlib._local": "pathlib", _signal: "signal" };

/** Judges one import (`module`, `name`) of a pickle. */
export function judgeImport(moduleName: string, attribute: string): { verdict: ImportVerdict; reason: string } {
  const module = moduleName.slice(0, 500);
  const name = attribute.slice(0, 500);
  const renamed = Object.hasOwn(PYTHON2_MODULES, module) ? PYTHON2_MODULES[module] : undefined;
  if (renamed !== undefined && renamed !== "builtins") {
    const v = judgeImport(renamed, name);
    return v.verdict === "safe" ? v : { verdict: v.verdict, reason: `${module} is Python 2's name for ${renamed}, which Python 3's unpickler imports instead: ${v.reason}` };
  }
  // Modules that define what a public module exports, which Python's pickler names: Python 3.13 defines pathlib's classes
  // in pathlib._local (3.12 and 3.14 in pathlib), so a path pickled by 3.13 is the same path; signal's functions live in
  // the C module _signal (`_signal raise_signal`, as modelscan's blocklist has it), and end or stop the loading process.
  // Only as the module imported: an attribute named `_signal` on a class is no import of it.
  const home = DEFINED_IN[module];
  if (home !== undefined) {
    const v = judgeImport(home, name);
    return v.verdict === "safe" ? v : { verdict: v.verdict, reason: `${module} is where ${home}'s ${name.split(".")[0]} is defined: ${v.reason}` };
  }
  const mod = renamed ?? module;
  const full = `${mod}.${name}`;
  if ((mod === "builtins" || mod === "exceptions") && BUILTIN_EXCEPTIONS.has(name)) return { verdict: "safe", reason: "a built-in exception class" };
  // Tk's constants module holds strings and numbers only (Python 3's unpickler reads Python 2's Tkconstants as it).
  if ((mod === "Tkconstants" || mod === "tkinter.constants") && /^[A-Z][A-Z0-9_]{0,40}$/.test(name)) return { verdict: "safe", reason: "a Tk constant (a string or a number)" };
  if (mod === "torch.jit._pickle" && TORCH_JIT_PICKLE.has(name)) return { verdict: "safe", reason: "a TorchScript list builder or type tag" };
  const known = dangerousName(mod, full);
  if (known) return known;
  // Protocol 4 resolves a dotted name attribute by attribute, so an allowed module leads anywhere it imported:
  // `numpy` `prod.os.system` is os.system, `numpy` `__builtins__` every builtin (as modelscan's reported bypasses show).
  const path = name.split(".");
  const internal = path.find((p) => INTERNAL.test(p));
  if (internal) return { verdict: "dangerous", reason: `${full} walks through ${internal}, which reaches Python's builtins, globals or classes` };
  for (let i = 0; i < path.length - 1; i++) {
    const tail = path.slice(i).join(".");
    const via = dangerousName(tail.slice(0, tail.lastIndexOf(".")), tail);
    if (via) return { verdict: "dangerous", reason: `${full} reaches ${tail} through ${mod}: ${via.reason}` };
    // The standard library imports modules under private aliases (`import os as _os` in random, threading and
    // tempfile): `random` `_os.system` is os.system, so a module's global that names an alias is judged as the module
    // too (only the module's own globals: a class's `_signal` attribute is no import).
    if (i > 0 || !/^_[a-z]/.test(tail)) continue;
    const unaliased = tail.slice(1);
    const alias = dangerousName(unaliased.slice(0, unaliased.lastIndexOf(".")), unaliased);
    if (alias) return { verdict: "dangerous", reason: `${full} reaches ${unaliased} (as ${tail}) through ${mod}: ${alias.reason}` };
  }
  if (mod === "builtins") return SAFE_NAMES.has(full) ? { verdict: "safe", reason: "a plain built-in type" } : { verdict: "dangerous", reason: `builtins.${name} is not a plain data type` };
  if (NUMPY_MATH.test(full)) return { verdict: "safe", reason: "a NumPy math function" };
  if (SAFE_NAMES.has(full) || NUMPY_SCALAR.test(full) || TORCH_STORAGE.test(full) || TORCH_DTYPE.test(full) || TORCH_TENSOR_CLASS.test(full)) return { verdict: "safe", reason: "a tensor, array or container class" };
  if (VETTED_NAMES.has(full)) return { verdict: "safe", reason: "a training-argument dataclass, enum or binding class vetted as data" };
  if (LIBRARY.test(mod) && REEXPORTED_GADGET.has(name)) {
    return { verdict: "dangerous", reason: `${full} is the name of a standard-library class that runs commands, loads native code, serves the network or writes files, reached through a module that imported it (Python's pickler never names it so)` };
  }
  const what = libraryName(mod, name);
  if (what !== undefined) {
    const lib = LIBRARY_NAMES[mod.slice(0, mod.indexOf("."))] ?? mod;
    return {
      verdict: "library",
      reason: `${full} is ${what} of ${lib}: loading the file rebuilds that object with the library's own code (no known gadget), so the file runs no command of its own but is only as trustworthy as its source`,
    };
  }
  if (ACTION.test(name)) return { verdict: "suspicious", reason: `${full} is not a known model class and its name suggests it acts (runs, loads, writes or connects)` };
  return { verdict: "suspicious", reason: `${full} is not on the safe list: loading the file calls it` };
}

/** dill's type-table names for types that only hold data (besides the built-in data classes, judged as builtins). */
const DILL_DATA_TYPES = new Set([
  "NoneType", "EllipsisType", "NotImplementedType", "DictKeysType", "DictValuesType", "DictItemsType", "OdictKeysType", "OdictValuesType", "OdictItemsType",
  "MappingProxyType",
]);

/** True for dill's `_load_type`, whose verdict depends on the names it is called with (judgeDillLoadType). */
export function isDillLoadType(module: string, name: string): boolean {
  return name === "_load_type" && (module === "dill._dill" || module === "dill.dill");
}

/**
 * Judges dill's `_load_type` by the type names a file calls it with: dill pickles `type(None)`, `slice` or `range` as
 * `_load_type('NoneType')`, and Ultralytics' YOLO checkpoints of 2024 were saved with dill. Its table also holds the
 * code, function, module and file constructors and functools.partial, which make it a gadget as types.CodeType is; a
 * name the scan did not keep is judged as one of those.
 */
export function judgeDillLoadType(names: readonly string[], unknown: boolean): { verdict: ImportVerdict; reason: string } {
  if (unknown) return { verdict: "dangerous", reason: "dill._dill._load_type returns any type of dill's table (code, function and file constructors among them), and the name this file calls it with is not a literal the scan kept" };
  const gadgets = names.filter((n) => !DILL_DATA_TYPES.has(n) && judgeImport("builtins", n).verdict !== "safe");
  if (gadgets.length === 0) return { verdict: "safe", reason: `dill._dill._load_type is called only for data types (${names.slice(0, 10).join(", ")})` };
  return { verdict: "dangerous", reason: `dill._dill._load_type is called for ${gadgets.slice(0, 10).join(", ")}: dill's type table hands the loader code, function, module or file constructors (or functools.partial) through it` };
}

/**
 * Standard-library classes that run a command, load a native library, serve the network or write the path they are
 * given when built. The unpickler finds a name with getattr on the module it imports, so a library module that did
 * `from subprocess import Popen` hands out subprocess's Popen as its own: Python's pickler names such an object by
 * its defining module, never so, and LIBRARY never vouches for these names.
 */
const REEXPORTED_GADGET = new Set([
  "Popen", "FileHandler", "RotatingFileHandler", "TimedRotatingFileHandler", "WatchedFileHandler", "ZipFile", "PyZipFile", "TarFile", "CDLL", "PyDLL",
  "WinDLL", "OleDLL", "LibraryLoader", "HTTPServer", "ThreadingHTTPServer", "TCPServer", "UDPServer", "SimpleXMLRPCServer", "InteractiveInterpreter",
  "InteractiveConsole", "Pdb",
]);

/** What a name of a well-known library is (`a class`…), when it is one LIBRARY vouches for; else undefined. */
function libraryName(mod: string, name: string): string | undefined {
  if (!LIBRARY.test(mod) || LIBRARY_EXCLUDED.test(mod) || ACTION.test(name) || REEXPORTED_GADGET.has(name)) return undefined;
  if (LIBRARY_CLASS.test(name)) return "a class";
  if (LIBRARY_REBUILDER.test(name)) return "an unpickling helper";
  if (LIBRARY_FUNCTIONS.test(mod) && /^[a-z_][a-z0-9_]{0,60}$/.test(name)) return "a math function";
  return undefined;
}

/** The verdict on a known gadget (a listed callable, or any callable of a listed module), else undefined. */
function dangerousName(mod: string, full: string): { verdict: ImportVerdict; reason: string } | undefined {
  if (DANGEROUS_NAMES.has(full)) return { verdict: "dangerous", reason: `${full} runs code, loads another pickle or touches files` };
  if (DANGEROUS_ATTRIBUTE.test(full.slice(mod.length))) return { verdict: "dangerous", reason: `${full} downloads or loads another model, whose own pickles or code then run` };
  if (/^pandas\.read_/.test(full)) return { verdict: "dangerous", reason: `${full} reads a file or URL the pickle names (read_pickle unpickles it)` };
  // Methods reached through the data classes the safe list allows: a path's write_text or unlink, an array's tofile or
  // dump (a pickle written to a path), called unbound on an object the pickle builds.
  if (/^pathlib\.\w{1,40}\.\w/.test(full)) return { verdict: "dangerous", reason: `${full} is a method of a path: it reads, writes or removes the file the pickle names` };
  // copyreg's registry: add_extension makes a later EXT opcode import any module.name it is given, and pickle or
  // constructor register callables; only the rebuilders Python's pickler writes are data.
  if (/^copyreg\.(?!_reconstructor$|__newobj__$|__newobj_ex__$)/.test(full)) return { verdict: "dangerous", reason: `${full} changes how later imports or objects are resolved (add_extension lets an EXT opcode import any callable)` };
  // uuid's node lookups run ifconfig, ip, arp or netstat, and its helpers run the command they are handed; only its UUID
  // class is data.
  if (/^uuid\.(?!UUID$|SafeUUID$)/.test(full)) return { verdict: "dangerous", reason: `${full} runs a command to find the machine's address (or the command it is handed)` };
  // A frame's writers reached through its class (`DataFrame.to_pickle(df, path)`): each writes the path the pickle names.
  if (/^pandas\.[\w.]{0,80}\.[A-Z]\w{0,60}\.to_[a-z_]{1,30}$/.test(full)) return { verdict: "dangerous", reason: `${full} writes the object to the path or connection the pickle names` };
  if (/^numpy\.[\w.]{0,80}\.(?:tofile|dump)$/.test(full)) return { verdict: "dangerous", reason: `${full} writes an array (or its pickle) to the path the pickle names` };
  for (const d of DANGEROUS_MODULES) {
    if (mod === d || mod.startsWith(`${d}.`) || full === d || full.startsWith(`${d}.`)) return { verdict: "dangerous", reason: `${mod} gives the loader ${describe(d)}` };
  }
  return undefined;
}

function describe(mod: string): string {
  if (/^(?:os|nt|posix|subprocess|_posixsubprocess|pty|commands|popen2|platform|_winapi)$/.test(mod)) return "process execution";
  if (/^(?:socket|_socket|ssl|requests|urllib\d?|http|httplib|httpx|aiohttp|ftplib|smtplib|telnetlib|xmlrpc|paramiko|webbrowser)$/.test(mod)) return "network access";
  if (/^(?:runpy|importlib|imp|zipimport|pkgutil|code|codeop|pdb|bdb|timeit|cProfile|profile|trace|doctest|types|marshal|ctypes|_ctypes|cffi)$/.test(mod)) return "code execution";
  if (/^(?:pickle|_pickle|cPickle|dill|cloudpickle|shelve|joblib\.load)$/.test(mod)) return "another unpickling (code execution)";
  if (/^(?:shutil|tempfile|glob|io|_io|fileinput|tarfile|zipfile|linecache)$/.test(mod)) return "file system access";
  return "capabilities a model never needs (code execution, processes, files or network)";
}
