//! Gongzhi's stand-in for the `wasm-opt` crate, put in its place by the workspace's
//! `[patch.crates-io]`.
//!
//! substrate-wasm-builder runs binaryen's `wasm-opt` on every runtime it builds, only at `-O0`:
//! to strip DWARF, to lower the sign-extension operators to MVP ones and to check that the blob
//! uses MVP features only (what every executor of the runtime accepts), keeping the names
//! section. The `wasm-opt` crate compiles all of binaryen's C++ for that, the longest single step
//! of a cold build on two cores. This crate does the same work in Rust, with the part of the
//! crate's API that substrate-wasm-builder calls:
//!
//! ```no_run
//! wasm_opt::OptimizationOptions::new_opt_level_0()
//!     .mvp_features_only()
//!     .debug_info(true)
//!     .add_pass(wasm_opt::Pass::StripDwarf)
//!     .add_pass(wasm_opt::Pass::SignextLowering)
//!     .run("runtime.wasm", "runtime.compact.wasm")
//!     .expect("compacted");
//! ```
//!
//! What it does to a module ([`OptimizationOptions::compact`]):
//! - the input must be valid wasm (any feature);
//! - [`Pass::SignextLowering`] replaces each sign-extension operator by two shifts: `x.extendN_s`
//!   becomes `(x << (W - N)) >>s (W - N)`, W the operand's width, which is the same value;
//! - [`Pass::StripDwarf`] (and `debug_info(false)`) drop the `.debug_*` custom sections;
//!   `debug_info(false)` also drops the `name` section; other sections are copied unchanged;
//! - the output must validate with the baseline's features (`mvp_features_only`: WebAssembly 1.0),
//!   or the call fails with [`OptimizationError::ValidateWasmOutput`], as binaryen's does.
//!
//! Nothing else of binaryen's optimiser is here: a pass this crate does not implement is not in
//! [`Pass`], so a caller that needs one does not compile.

#![warn(missing_docs)]

use std::{convert::Infallible, fmt, path::Path};
use wasm_encoder::{
	reencode::{self, Reencode},
	CodeSection, CustomSection, Instruction, Module,
};
use wasmparser::{CustomSectionReader, FunctionBody, Operator, Parser, Validator, WasmFeatures};

/// A transformation [`OptimizationOptions::run`] applies, named as binaryen's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
	/// Replace the sign-extension operators (`i32.extend8_s`, `i32.extend16_s`, `i64.extend8_s`,
	/// `i64.extend16_s`, `i64.extend32_s`) by MVP shifts with the same result.
	SignextLowering,
	/// Remove the DWARF debugging information (the `.debug_*` custom sections).
	StripDwarf,
}

/// The features the output must validate with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Baseline {
	/// WebAssembly 1.0 (MVP with mutable globals): what `mvp_features_only` asks.
	Mvp,
	/// Whatever the input uses.
	Any,
}

/// How a module is compacted: the part of binaryen's options substrate-wasm-builder sets.
#[derive(Clone, Debug)]
pub struct OptimizationOptions {
	baseline: Baseline,
	debug_info: bool,
	passes: Vec<Pass>,
}

/// Why [`OptimizationOptions::run`] failed.
#[derive(Debug)]
pub enum OptimizationError {
	/// The input is not a valid wasm module.
	ValidateWasmInput(wasmparser::BinaryReaderError),
	/// The output does not validate with the baseline's features: the input uses a feature
	/// beyond it that no pass lowers.
	ValidateWasmOutput(wasmparser::BinaryReaderError),
	/// The input could not be read.
	Read {
		/// The I/O error.
		source: std::io::Error,
	},
	/// The output could not be written.
	Write {
		/// The I/O error.
		source: std::io::Error,
	},
	/// The module could not be re-encoded (a construct wasm-encoder cannot write back).
	Reencode(String),
}

impl fmt::Display for OptimizationError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::ValidateWasmInput(e) => {
				write!(f, "Failed to validate wasm: error validating input: {e}")
			},
			Self::ValidateWasmOutput(e) => {
				write!(f, "Failed to validate wasm: error after opts: {e}")
			},
			Self::Read { source } => write!(f, "Failed to read module: {source}"),
			Self::Write { source } => write!(f, "Failed to write module: {source}"),
			Self::Reencode(e) => write!(f, "Failed to re-encode module: {e}"),
		}
	}
}

impl std::error::Error for OptimizationError {
	fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
		match self {
			Self::ValidateWasmInput(e) | Self::ValidateWasmOutput(e) => Some(e),
			Self::Read { source } | Self::Write { source } => Some(source),
			Self::Reencode(_) => None,
		}
	}
}

impl OptimizationOptions {
	/// No optimisation: only the passes added with [`Self::add_pass`] run. Features: those of the
	/// input; names and DWARF dropped unless [`Self::debug_info`] is set.
	pub fn new_opt_level_0() -> Self {
		Self { baseline: Baseline::Any, debug_info: false, passes: Vec::new() }
	}

	/// The output must use WebAssembly 1.0 features only.
	pub fn mvp_features_only(&mut self) -> &mut Self {
		self.baseline = Baseline::Mvp;
		self
	}

	/// Keep the debugging information (the `name` section; DWARF unless [`Pass::StripDwarf`]).
	pub fn debug_info(&mut self, value: bool) -> &mut Self {
		self.debug_info = value;
		self
	}

	/// Run `pass` too.
	pub fn add_pass(&mut self, pass: Pass) -> &mut Self {
		self.passes.push(pass);
		self
	}

	/// Read the module in `infile`, compact it ([`Self::compact`]) and write it to `outfile` (which
	/// may be `infile`).
	pub fn run(
		&self,
		infile: impl AsRef<Path>,
		outfile: impl AsRef<Path>,
	) -> Result<(), OptimizationError> {
		let input = std::fs::read(infile).map_err(|source| OptimizationError::Read { source })?;
		let output = self.compact(&input)?;
		std::fs::write(outfile, output).map_err(|source| OptimizationError::Write { source })
	}

	/// The module `wasm` with these options applied.
	pub fn compact(&self, wasm: &[u8]) -> Result<Vec<u8>, OptimizationError> {
		Validator::new_with_features(WasmFeatures::all())
			.validate_all(wasm)
			.map_err(OptimizationError::ValidateWasmInput)?;
		let mut module = Module::new();
		Compactor { options: self }
			.parse_core_module(&mut module, Parser::new(0), wasm)
			.map_err(|e| OptimizationError::Reencode(e.to_string()))?;
		let output = module.finish();
		let features = match self.baseline {
			Baseline::Mvp => WasmFeatures::WASM1,
			Baseline::Any => WasmFeatures::all(),
		};
		Validator::new_with_features(features)
			.validate_all(&output)
			.map_err(OptimizationError::ValidateWasmOutput)?;
		Ok(output)
	}

	fn runs(&self, pass: Pass) -> bool {
		self.passes.contains(&pass)
	}
}

/// A sign-extension operator as two shifts: the operand's width in bits (32 or 64) and the shift,
/// the width less the bits kept.
fn sign_extension(op: &Operator) -> Option<(u32, u32)> {
	match op {
		Operator::I32Extend8S => Some((32, 24)),
		Operator::I32Extend16S => Some((32, 16)),
		Operator::I64Extend8S => Some((64, 56)),
		Operator::I64Extend16S => Some((64, 48)),
		Operator::I64Extend32S => Some((64, 32)),
		_ => None,
	}
}

/// wasm-encoder's round trip, with the passes applied to function bodies and custom sections.
struct Compactor<'a> {
	options: &'a OptimizationOptions,
}

impl Reencode for Compactor<'_> {
	type Error = Infallible;

	fn parse_function_body(
		&mut self,
		code: &mut CodeSection,
		body: FunctionBody<'_>,
	) -> Result<(), reencode::Error> {
		let lower = self.options.runs(Pass::SignextLowering);
		let mut function = self.new_function_with_parsed_locals(&body)?;
		let mut operators = body.get_operators_reader()?;
		while !operators.eof() {
			let op = operators.read()?;
			match sign_extension(&op).filter(|_| lower) {
				Some((32, shift)) => {
					let shift = Instruction::I32Const(shift as i32);
					function
						.instruction(&shift)
						.instruction(&Instruction::I32Shl)
						.instruction(&shift)
						.instruction(&Instruction::I32ShrS);
				},
				Some((_, shift)) => {
					let shift = Instruction::I64Const(i64::from(shift));
					function
						.instruction(&shift)
						.instruction(&Instruction::I64Shl)
						.instruction(&shift)
						.instruction(&Instruction::I64ShrS);
				},
				None => {
					function.instruction(&self.instruction(op)?);
				},
			}
		}
		code.function(&function);
		Ok(())
	}

	fn parse_custom_section(
		&mut self,
		module: &mut Module,
		section: CustomSectionReader<'_>,
	) -> Result<(), reencode::Error> {
		let keep = if section.name().starts_with(".debug_") {
			self.options.debug_info && !self.options.runs(Pass::StripDwarf)
		} else if section.name() == "name" {
			self.options.debug_info
		} else {
			true
		};
		if keep {
			// Byte for byte: no pass renumbers functions or locals, so names stay right.
			module.section(&CustomSection {
				name: section.name().into(),
				data: section.data().into(),
			});
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use wasm_encoder::{
		CodeSection, ExportKind, ExportSection, Function, FunctionSection, MemorySection,
		MemoryType, TypeSection, ValType,
	};

	/// A module of one exported function `(param T) (result T)` that applies `ops` to its
	/// parameter, with a `name` section, a DWARF section and a `runtime_version` section.
	fn module(ty: ValType, ops: &[Instruction]) -> Vec<u8> {
		let mut module = Module::new();
		let mut types = TypeSection::new();
		types.ty().function([ty], [ty]);
		module.section(&types);
		let mut functions = FunctionSection::new();
		functions.function(0);
		module.section(&functions);
		let mut memories = MemorySection::new();
		memories.memory(MemoryType {
			minimum: 1,
			maximum: None,
			memory64: false,
			shared: false,
			page_size_log2: None,
		});
		module.section(&memories);
		let mut exports = ExportSection::new();
		exports.export("f", ExportKind::Func, 0);
		module.section(&exports);
		let mut code = CodeSection::new();
		let mut f = Function::new([]);
		f.instruction(&Instruction::LocalGet(0));
		for op in ops {
			f.instruction(op);
		}
		f.instruction(&Instruction::End);
		code.function(&f);
		module.section(&code);
		module
			.section(&CustomSection { name: "runtime_version".into(), data: [1, 2, 3][..].into() });
		module.section(&CustomSection { name: ".debug_info".into(), data: [9; 16][..].into() });
		let mut names = wasm_encoder::NameSection::new();
		let mut functions = wasm_encoder::NameMap::new();
		functions.append(0, "f");
		names.functions(&functions);
		module.section(&names);
		module.finish()
	}

	/// The operators of the module's one function, after its parameter's `local.get`.
	fn body(wasm: &[u8]) -> Vec<String> {
		for payload in Parser::new(0).parse_all(wasm) {
			if let wasmparser::Payload::CodeSectionEntry(body) = payload.unwrap() {
				let mut reader = body.get_operators_reader().unwrap();
				let mut ops = Vec::new();
				while !reader.eof() {
					ops.push(format!("{:?}", reader.read().unwrap()));
				}
				return ops[1..].to_vec();
			}
		}
		panic!("no function body");
	}

	fn custom_sections(wasm: &[u8]) -> Vec<(String, Vec<u8>)> {
		Parser::new(0)
			.parse_all(wasm)
			.filter_map(|payload| match payload.unwrap() {
				wasmparser::Payload::CustomSection(s) => {
					Some((s.name().to_owned(), s.data().to_vec()))
				},
				_ => None,
			})
			.collect()
	}

	fn substrate() -> OptimizationOptions {
		let mut options = OptimizationOptions::new_opt_level_0();
		options
			.mvp_features_only()
			.debug_info(true)
			.add_pass(Pass::StripDwarf)
			.add_pass(Pass::SignextLowering);
		options
	}

	#[test]
	fn sign_extension_becomes_two_shifts_and_validates_as_mvp() {
		let input = module(ValType::I32, &[Instruction::I32Extend8S, Instruction::I32Extend16S]);
		// The input itself is not MVP.
		assert!(Validator::new_with_features(WasmFeatures::WASM1).validate_all(&input).is_err());

		let output = substrate().compact(&input).unwrap();

		assert_eq!(
			body(&output),
			[
				"I32Const { value: 24 }",
				"I32Shl",
				"I32Const { value: 24 }",
				"I32ShrS",
				"I32Const { value: 16 }",
				"I32Shl",
				"I32Const { value: 16 }",
				"I32ShrS",
				"End"
			]
		);
		Validator::new_with_features(WasmFeatures::WASM1).validate_all(&output).unwrap();

		let input = module(
			ValType::I64,
			&[Instruction::I64Extend8S, Instruction::I64Extend16S, Instruction::I64Extend32S],
		);
		let output = substrate().compact(&input).unwrap();
		let shifts: Vec<_> =
			body(&output).into_iter().filter(|op| op.starts_with("I64Const")).collect();
		assert_eq!(
			shifts,
			[
				"I64Const { value: 56 }",
				"I64Const { value: 56 }",
				"I64Const { value: 48 }",
				"I64Const { value: 48 }",
				"I64Const { value: 32 }",
				"I64Const { value: 32 }"
			]
		);
		assert_eq!(body(&output).iter().filter(|op| *op == "I64ShrS").count(), 3);
	}

	#[test]
	fn the_shifts_compute_the_sign_extension() {
		let samples = [
			0i64,
			1,
			-1,
			0x7f,
			0x80,
			0xff,
			0x7fff,
			0x8000,
			0xffff,
			0x1234_5678,
			i64::MIN,
			i64::MAX,
		]
		.into_iter()
		.chain((0..64).map(|bit| 1i64 << bit))
		.chain((0..64).map(|bit| !(1i64 << bit)));
		for x in samples {
			for (op, expected) in [
				(Operator::I64Extend8S, x as i8 as i64),
				(Operator::I64Extend16S, x as i16 as i64),
				(Operator::I64Extend32S, x as i32 as i64),
			] {
				let (64, shift) = sign_extension(&op).unwrap() else { panic!("{op:?} is 64-bit") };
				assert_eq!((x << shift) >> shift, expected, "{op:?} of {x:#x}");
			}
			let x = x as i32;
			for (op, expected) in
				[(Operator::I32Extend8S, x as i8 as i32), (Operator::I32Extend16S, x as i16 as i32)]
			{
				let (32, shift) = sign_extension(&op).unwrap() else { panic!("{op:?} is 32-bit") };
				assert_eq!((x << shift) >> shift, expected, "{op:?} of {x:#x}");
			}
		}
	}

	#[test]
	fn dwarf_goes_names_and_other_sections_stay() {
		let input = module(ValType::I32, &[Instruction::I32Extend8S]);
		let sections = |options: &OptimizationOptions| {
			custom_sections(&options.compact(&input).unwrap())
				.into_iter()
				.map(|(name, _)| name)
				.collect::<Vec<_>>()
		};
		assert_eq!(sections(&substrate()), ["runtime_version", "name"]);
		// The sections kept are copied byte for byte.
		let kept = custom_sections(&substrate().compact(&input).unwrap());
		let original = custom_sections(&input);
		assert_eq!(kept[0], original[0]);
		assert_eq!(kept[1], original[2]);

		let mut with_dwarf = OptimizationOptions::new_opt_level_0();
		with_dwarf.debug_info(true).add_pass(Pass::SignextLowering);
		assert_eq!(sections(&with_dwarf), ["runtime_version", ".debug_info", "name"]);

		let mut no_debug_info = OptimizationOptions::new_opt_level_0();
		no_debug_info.add_pass(Pass::SignextLowering);
		assert_eq!(sections(&no_debug_info), ["runtime_version"]);
	}

	#[test]
	fn a_feature_no_pass_lowers_fails_the_mvp_check() {
		// `memory.fill` (bulk memory) is beyond WebAssembly 1.0.
		let fill = [
			Instruction::I32Const(0),
			Instruction::I32Const(0),
			Instruction::MemoryFill(0),
			Instruction::LocalGet(0),
		];
		let input = module(ValType::I32, &fill);
		assert!(matches!(
			substrate().compact(&input),
			Err(OptimizationError::ValidateWasmOutput(_))
		));

		// Without the MVP baseline the module passes through.
		let mut any = OptimizationOptions::new_opt_level_0();
		any.add_pass(Pass::StripDwarf);
		assert!(any.compact(&input).is_ok());

		// Sign extension left unlowered fails the MVP check too.
		let mut unlowered = OptimizationOptions::new_opt_level_0();
		unlowered.mvp_features_only();
		let input = module(ValType::I32, &[Instruction::I32Extend8S]);
		assert!(matches!(unlowered.compact(&input), Err(OptimizationError::ValidateWasmOutput(_))));
	}

	#[test]
	fn invalid_input_and_missing_files_are_errors() {
		assert!(matches!(
			substrate().compact(b"\0asm"),
			Err(OptimizationError::ValidateWasmInput(_))
		));
		let mut not_wasm = module(ValType::I32, &[]);
		not_wasm.truncate(not_wasm.len() - 3);
		assert!(matches!(
			substrate().compact(&not_wasm),
			Err(OptimizationError::ValidateWasmInput(_))
		));

		let dir = std::env::temp_dir().join(format!("gongzhi-wasm-opt-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let missing = dir.join("missing.wasm");
		assert!(matches!(
			substrate().run(&missing, dir.join("out.wasm")),
			Err(OptimizationError::Read { .. })
		));
		let file = dir.join("runtime.wasm");
		std::fs::write(&file, module(ValType::I32, &[Instruction::I32Extend16S])).unwrap();
		assert!(matches!(
			substrate().run(&file, dir.join("no-such-dir").join("out.wasm")),
			Err(OptimizationError::Write { .. })
		));
		// In place, as substrate-wasm-builder lowers the bloaty blob.
		substrate().run(&file, &file).unwrap();
		let output = std::fs::read(&file).unwrap();
		Validator::new_with_features(WasmFeatures::WASM1).validate_all(&output).unwrap();
		assert!(!body(&output).contains(&"I32Extend16S".to_owned()));
		std::fs::remove_dir_all(&dir).unwrap();
	}
}
