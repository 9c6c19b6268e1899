//! `gongzhi_*` JSON-RPC methods: the [`GongzhiApi`] runtime API as JSON, for scripts, dashboards
//! and Polkadot.js (`rpc:` definitions in the README). Every method takes an optional block hash
//! (`at`) and otherwise reads the best block.

use std::sync::Arc;

use gongzhi_primitives::{CommunityId, OfficeId, ProgrammeId, ProjectId, SurveyId};
use gongzhi_runtime::{opaque::Block, AccountId, BlockNumber};
use gongzhi_runtime_api::{
	BallotReceipt, CommunityView, GongzhiApi, OfficeView, ProgrammeView, ProjectInfo,
	ProjectOutcome, ProjectTally, ProviderReport, ResidentStatus, ScorecardView, SurveyResults,
};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::error::{ErrorObject, ErrorObjectOwned},
};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

type Hash = <Block as BlockT>::Hash;

/// The `gongzhi_*` methods.
#[rpc(server, namespace = "gongzhi")]
pub trait GongzhiRpc {
	/// Results of a needs survey.
	#[method(name = "surveyResults")]
	fn survey_results(
		&self,
		survey: SurveyId,
		at: Option<Hash>,
	) -> RpcResult<Option<SurveyResults<BlockNumber>>>;

	/// A procurement project's rules and phase.
	#[method(name = "projectInfo")]
	fn project_info(
		&self,
		project: ProjectId,
		at: Option<Hash>,
	) -> RpcResult<Option<ProjectInfo<BlockNumber>>>;

	/// A project's ballot count per bid (hidden in secret mode until revealing ends).
	#[method(name = "projectTally")]
	fn project_tally(
		&self,
		project: ProjectId,
		at: Option<Hash>,
	) -> RpcResult<Option<ProjectTally>>;

	/// A project's outcome.
	#[method(name = "projectOutcome")]
	fn project_outcome(
		&self,
		project: ProjectId,
		at: Option<Hash>,
	) -> RpcResult<Option<ProjectOutcome<AccountId, BlockNumber>>>;

	/// A resident's own ballot in a project: the receipt.
	#[method(name = "ballotReceipt")]
	fn ballot_receipt(
		&self,
		project: ProjectId,
		resident: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Option<BallotReceipt>>;

	/// A voucher programme with its terms and statistics.
	#[method(name = "programme")]
	fn programme(
		&self,
		programme: ProgrammeId,
		at: Option<Hash>,
	) -> RpcResult<Option<ProgrammeView<AccountId, BlockNumber>>>;

	/// Ratings and cases of a programme's services.
	#[method(name = "programmeScorecard")]
	fn programme_scorecard(
		&self,
		programme: ProgrammeId,
		at: Option<Hash>,
	) -> RpcResult<ScorecardView>;

	/// A provider's voucher statistics, scorecard and standing.
	#[method(name = "providerReport")]
	fn provider_report(&self, provider: AccountId, at: Option<Hash>) -> RpcResult<ProviderReport>;

	/// A resident's record and what they may still do.
	#[method(name = "residentStatus")]
	fn resident_status(
		&self,
		who: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Option<ResidentStatus<AccountId, BlockNumber>>>;

	/// A street office with its counts.
	#[method(name = "office")]
	fn office(
		&self,
		office: OfficeId,
		at: Option<Hash>,
	) -> RpcResult<Option<OfficeView<AccountId, BlockNumber>>>;

	/// A community with its officers and counts.
	#[method(name = "community")]
	fn community(
		&self,
		community: CommunityId,
		at: Option<Hash>,
	) -> RpcResult<Option<CommunityView<AccountId, BlockNumber>>>;
}

/// Serves [`GongzhiRpcServer`] from a client's runtime API.
pub struct Gongzhi<C> {
	client: Arc<C>,
}

impl<C> Gongzhi<C> {
	/// Serves the methods from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

/// Error code of a failed runtime API call.
const RUNTIME_ERROR: i32 = 1;
/// Error code of an `at` that names no block this node has.
const UNKNOWN_BLOCK: i32 = 2;

fn runtime_error(e: sp_api::ApiError) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, "runtime API call failed", Some(e.to_string()))
}

fn unknown_block(at: Hash) -> ErrorObjectOwned {
	ErrorObject::owned(
		UNKNOWN_BLOCK,
		format!("unknown block {at:?}: this node has no such block (pruned, or never seen)"),
		None::<()>,
	)
}

impl<C> Gongzhi<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: GongzhiApi<Block, AccountId, BlockNumber>,
{
	/// Calls `f` on the runtime API at `at` (or the best block).
	fn call<R>(
		&self,
		at: Option<Hash>,
		f: impl FnOnce(&C::Api, Hash) -> Result<R, sp_api::ApiError>,
	) -> RpcResult<R> {
		let at = match at {
			Some(hash) => {
				// A hash the node doesn't know: say so, instead of a runtime API failure.
				if !matches!(self.client.header(hash), Ok(Some(_))) {
					return Err(unknown_block(hash));
				}
				hash
			},
			None => self.client.info().best_hash,
		};
		f(&self.client.runtime_api(), at).map_err(runtime_error)
	}
}

impl<C> GongzhiRpcServer for Gongzhi<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: GongzhiApi<Block, AccountId, BlockNumber>,
{
	fn survey_results(
		&self,
		survey: SurveyId,
		at: Option<Hash>,
	) -> RpcResult<Option<SurveyResults<BlockNumber>>> {
		self.call(at, |api, at| api.survey_results(at, survey))
	}

	fn project_info(
		&self,
		project: ProjectId,
		at: Option<Hash>,
	) -> RpcResult<Option<ProjectInfo<BlockNumber>>> {
		self.call(at, |api, at| api.project_info(at, project))
	}

	fn project_tally(
		&self,
		project: ProjectId,
		at: Option<Hash>,
	) -> RpcResult<Option<ProjectTally>> {
		self.call(at, |api, at| api.project_tally(at, project))
	}

	fn project_outcome(
		&self,
		project: ProjectId,
		at: Option<Hash>,
	) -> RpcResult<Option<ProjectOutcome<AccountId, BlockNumber>>> {
		self.call(at, |api, at| api.project_outcome(at, project))
	}

	fn ballot_receipt(
		&self,
		project: ProjectId,
		resident: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Option<BallotReceipt>> {
		self.call(at, |api, at| api.ballot_receipt(at, project, resident))
	}

	fn programme(
		&self,
		programme: ProgrammeId,
		at: Option<Hash>,
	) -> RpcResult<Option<ProgrammeView<AccountId, BlockNumber>>> {
		self.call(at, |api, at| api.programme(at, programme))
	}

	fn programme_scorecard(
		&self,
		programme: ProgrammeId,
		at: Option<Hash>,
	) -> RpcResult<ScorecardView> {
		self.call(at, |api, at| api.programme_scorecard(at, programme))
	}

	fn provider_report(&self, provider: AccountId, at: Option<Hash>) -> RpcResult<ProviderReport> {
		self.call(at, |api, at| api.provider_report(at, provider))
	}

	fn resident_status(
		&self,
		who: AccountId,
		at: Option<Hash>,
	) -> RpcResult<Option<ResidentStatus<AccountId, BlockNumber>>> {
		self.call(at, |api, at| api.resident_status(at, who))
	}

	fn office(
		&self,
		office: OfficeId,
		at: Option<Hash>,
	) -> RpcResult<Option<OfficeView<AccountId, BlockNumber>>> {
		self.call(at, |api, at| api.office(at, office))
	}

	fn community(
		&self,
		community: CommunityId,
		at: Option<Hash>,
	) -> RpcResult<Option<CommunityView<AccountId, BlockNumber>>> {
		self.call(at, |api, at| api.community(at, community))
	}
}
