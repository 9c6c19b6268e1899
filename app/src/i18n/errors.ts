// Plain-language explanations of every error the Gongzhi chain can return, in Simplified Chinese
// first and English second. Sources: the `#[pallet::error]` enums of pallets/community,
// pallets/needs-survey, pallets/procurement, pallets/vouchers and pallets/satisfaction (doc
// comments and the code that returns each variant), the FRAME pallets of the runtime (System,
// Balances, Utility, Multisig, Proxy, Sudo) and sp-runtime's DispatchError and
// TransactionValidityError. Never show the keys themselves to a user.

/** A sentence in each of the app's languages. */
export interface Sentence { zh: string; en: string }

/** Module errors, keyed `Pallet.Error` as the runtime's metadata names them. */
export const MODULE_ERRORS: Record<string, Sentence> = {
  // ---------------------------------------------------------------------------------------------
  // Community: the registry of street offices, communities, officers, providers and residents
  // ---------------------------------------------------------------------------------------------
  'Community.NameEmpty': {
    zh: '名称不能为空，请填写名称。',
    en: 'The name is empty. Please enter a name.',
  },
  'Community.NameTooLong': {
    zh: '名称太长，请缩短后再试。',
    en: 'The name is too long. Please shorten it.',
  },
  'Community.NameNotUtf8': {
    zh: '名称里有无法识别的字符，请重新输入。',
    en: 'The name contains characters that can’t be read. Please type it again.',
  },
  'Community.UnknownOffice': {
    zh: '找不到这个街道办事处，请检查后再试。',
    en: 'This street office doesn’t exist. Please check and try again.',
  },
  'Community.OfficeRetired': {
    zh: '这个街道办事处已经撤销，不能再在这里办理。',
    en: 'This street office has been closed, so this can’t be done there any more.',
  },
  'Community.OfficeHasCommunities': {
    zh: '这个街道下面还有社区，需要先撤销这些社区，才能撤销街道。',
    en: 'This street office still has communities. Close them first.',
  },
  'Community.NotOfficeAdmin': {
    zh: '只有这个街道办事处的管理员才能办理此事。',
    en: 'Only this street office’s administrator can do this.',
  },
  'Community.UnknownCommunity': {
    zh: '找不到这个社区，请检查后再试。',
    en: 'This community doesn’t exist. Please check and try again.',
  },
  'Community.CommunityRetired': {
    zh: '这个社区已经撤销，不能再在这里办理。',
    en: 'This community has been closed, so this can’t be done there any more.',
  },
  'Community.CommunityHasResidents': {
    zh: '这个社区还有登记的居民，需要先把他们迁出或注销，才能撤销社区。',
    en: 'This community still has registered residents. Move or deregister them first.',
  },
  'Community.NotOfficer': {
    zh: '只有本社区居委会的工作人员才能办理此事。',
    en: 'Only an officer of this community’s committee can do this.',
  },
  'Community.AlreadyOfficer': {
    zh: '这个账户已经是本社区的工作人员了。',
    en: 'This account is already an officer of this community.',
  },
  'Community.OfficerNotFound': {
    zh: '这个账户不是本社区的工作人员。',
    en: 'This account is not an officer of this community.',
  },
  'Community.TooManyOfficers': {
    zh: '本社区的工作人员已达上限，需要先移除一位才能再任命。',
    en: 'This community already has as many officers as allowed. Remove one before appointing another.',
  },
  'Community.AlreadyProvider': {
    zh: '这个账户已经注册为服务机构了。',
    en: 'This account is already registered as a service provider.',
  },
  'Community.RegistrationCodeTaken': {
    zh: '已有其他机构用这个登记证号注册。如果是被冒用，请联系街道办事处处理。',
    en: 'Another organisation has already registered with this registration code. If it was misused, contact the street office.',
  },
  'Community.UnknownProvider': {
    zh: '这个账户不是已注册的服务机构。',
    en: 'This account is not a registered service provider.',
  },
  'Community.AlreadyApproved': {
    zh: '这家服务机构已经获得本街道批准。',
    en: 'This provider is already approved by this street office.',
  },
  'Community.NotApprovedProvider': {
    zh: '这家服务机构没有获得本街道批准，或者已被暂停。',
    en: 'This provider is not approved by this street office, or has been suspended.',
  },
  'Community.TooManyProviderOffices': {
    zh: '这家服务机构关联的街道数量已达上限。',
    en: 'This provider is already on record with as many street offices as allowed.',
  },
  'Community.AlreadyResident': {
    zh: '这个账户已经登记为居民（本社区或其他社区）。',
    en: 'This account is already registered as a resident, here or in another community.',
  },
  'Community.PersonAlreadyRegistered': {
    zh: '此人已经用另一个账户登记为居民。如果原账户丢失，请找街道办事处更换账户。',
    en: 'This person is already registered as a resident with another account. If that account was lost, ask the street office to replace it.',
  },
  'Community.NotResident': {
    zh: '这个账户还没有登记为居民。如需登记，请带证件到居委会办理。',
    en: 'This account isn’t registered as a resident. To register, bring your ID to your community committee.',
  },
  'Community.AlreadyInCommunity': {
    zh: '这位居民已经在这个社区，不需要迁入。',
    en: 'This resident already lives in this community, so there is nothing to move.',
  },
  'Community.CannotReleaseAccount': {
    zh: '这个账户还有锁定的资金、押金或代理等关联，需要先解除才能办理。',
    en: 'This account still has locked funds, deposits or proxies tied to it. Release them first.',
  },
  'Community.NotPublisher': {
    zh: '只有本社区的工作人员或本街道批准的服务机构才能在这里发布活动。',
    en: 'Only this community’s officers or providers approved by its street office can publish activities here.',
  },
  'Community.InvalidWindow': {
    zh: '结束时间早于开始时间，请重新设置。',
    en: 'The end time is before the start time. Please set the times again.',
  },
  'Community.WindowInPast': {
    zh: '设置的时间已经过去，请选择以后的时间。',
    en: 'That time has already passed. Please choose a later time.',
  },
  'Community.ActivityTooLong': {
    zh: '活动时间太长，请缩短。',
    en: 'The activity runs too long. Please shorten it.',
  },
  'Community.TooManyOpenActivities': {
    zh: '本社区未结束的活动已达上限，请等已有活动结束或取消一个后再发布。',
    en: 'This community has too many activities that haven’t ended. Wait for one to end, or cancel one, then publish again.',
  },
  'Community.UnknownActivity': {
    zh: '找不到这个活动，请检查后再试。',
    en: 'This activity doesn’t exist. Please check and try again.',
  },
  'Community.NotResidentOfCommunity': {
    zh: '这是其他社区的活动，只有该社区的居民才能签到。',
    en: 'This activity belongs to another community; only its residents can check in.',
  },
  'Community.ActivityNotStarted': {
    zh: '活动签到还没开始，请在活动开始后再签到。',
    en: 'Check-in for this activity hasn’t opened yet. Please check in once it starts.',
  },
  'Community.ActivityEnded': {
    zh: '活动签到已经结束。',
    en: 'Check-in for this activity has closed.',
  },
  'Community.AlreadyCheckedIn': {
    zh: '您已经在这个活动签到过了。',
    en: 'You have already checked in at this activity.',
  },
  'Community.IdsExhausted': {
    zh: '系统的编号已经用完，暂时无法新建记录。请联系街道办事处。',
    en: 'The system has run out of record numbers, so nothing new can be created. Please contact the street office.',
  },
  'Community.RetentionNotOver': {
    zh: '这个活动的签到记录还在保留期内，暂时不能清理。',
    en: 'This activity’s check-in records are still within their retention period and can’t be cleared yet.',
  },
  'Community.NothingToReap': {
    zh: '这个活动已经没有可以清理的签到记录。',
    en: 'This activity has no check-in records left to clear.',
  },
  'Community.StartsTooLate': {
    zh: '活动开始时间离现在太远，请选择近一些的日期。',
    en: 'The activity would start too far ahead. Please choose an earlier date.',
  },
  'Community.ActivityCancelled': {
    zh: '这个活动已经取消了。',
    en: 'This activity has been cancelled.',
  },
  'Community.NotActivityManager': {
    zh: '只有本社区工作人员、街道管理员或发布这个活动的服务机构才能取消它。',
    en: 'Only the community’s officers, the street office’s administrator or the provider that published it can cancel this activity.',
  },
  'Community.NotLeavingSide': {
    zh: '您无权申请这次迁出：只有居民本人、其所在街道的管理员，或（同一街道内迁移时）其所在社区的工作人员可以申请。',
    en: 'You can’t ask for this move: only the resident, their street office’s administrator or, within the same street office, an officer of their community can.',
  },
  'Community.NotAcceptingSide': {
    zh: '您无权接收这次迁入：只有迁入地街道的管理员，或（同一街道内迁移时）迁入社区的工作人员可以接收。',
    en: 'You can’t accept this move: only the destination street office’s administrator or, within the same street office, an officer of the destination community can.',
  },
  'Community.MoveAlreadyRequested': {
    zh: '已经有一个迁移申请在等待对方接收，请先撤回，或等它过期。',
    en: 'A move for this resident is already waiting to be accepted. Cancel it or let it lapse first.',
  },
  'Community.NoPendingMove': {
    zh: '这位居民没有等待接收的迁移申请。',
    en: 'There is no move waiting to be accepted for this resident.',
  },
  'Community.MoveExpired': {
    zh: '迁移申请已经过期，请重新申请。',
    en: 'The move request has lapsed. Please request it again.',
  },
  'Community.RequesterNoLongerEntitled': {
    zh: '提出迁移申请的人已不再担任相应职务，申请失效，需要迁出方重新申请。',
    en: 'Whoever asked for this move no longer holds the role that allowed it, so the leaving side must request it again.',
  },
  'Community.NotPartyToMove': {
    zh: '您不是这次迁移的任何一方，不能撤回它。',
    en: 'You are on neither side of this move, so you can’t cancel it.',
  },
  'Community.ReplacementAlreadyProposed': {
    zh: '这位居民已经有一个更换账户的申请正在公示。',
    en: 'A replacement of this resident’s account has already been announced.',
  },
  'Community.AccountInPendingReplacement': {
    zh: '这个新账户已经用在另一个更换账户的申请里，请换一个账户。',
    en: 'This new account is already named in another pending account replacement. Please use a different one.',
  },
  'Community.NoPendingReplacement': {
    zh: '这个账户没有正在公示的更换申请。',
    en: 'No replacement of this account has been announced.',
  },
  'Community.NotReplacementParty': {
    zh: '只有居民本人（用原账户）或其所在街道的管理员才能撤销这次账户更换。',
    en: 'Only the resident, with their current account, or their street office’s administrator can cancel this replacement.',
  },
  'Community.NoticeNotOver': {
    zh: '更换账户还在公示期内，公示结束后才能生效。',
    en: 'The account replacement is still in its public notice period and can take effect only after it ends.',
  },
  'Community.AccountIsProvider': {
    zh: '这个账户属于服务机构，按回避规定不能同时登记为居民。请使用个人账户。',
    en: 'This account belongs to a service provider, and under the conflict-of-interest rule it can’t also be a resident. Please use a personal account.',
  },
  'Community.AccountIsResident': {
    zh: '这个账户已登记为居民，按回避规定不能同时注册为服务机构。请为机构另用一个账户。',
    en: 'This account is a resident’s, and under the conflict-of-interest rule it can’t also be a provider. Please use a separate account for the organisation.',
  },
  'Community.UnknownRegistrationCode': {
    zh: '没有服务机构使用这个登记证号。',
    en: 'No provider is registered with this registration code.',
  },
  'Community.NotOfficeOfProvider': {
    zh: '只有批准过（或暂停过）这家服务机构的街道管理员才能办理此事。',
    en: 'Only the administrator of a street office that approved or suspended this provider can do this.',
  },
  'Community.RegistrationCodeReleased': {
    zh: '这家服务机构的登记证号已被收回，不能再获得批准。',
    en: 'This provider’s registration code was withdrawn, so it can never be approved again.',
  },
  'Community.EmptyStaffList': {
    zh: '人员名单是空的，请至少填写一人。',
    en: 'The staff list is empty. Please add at least one person.',
  },
  'Community.DuplicateStaff': {
    zh: '名单里同一个人出现了两次，请删除重复的。',
    en: 'The list names the same person twice. Please remove the duplicate.',
  },
  'Community.StaffAlreadyDeclared': {
    zh: '名单里有人已经登记为本机构员工。',
    en: 'Someone in the list is already declared as your staff.',
  },
  'Community.StaffNotDeclared': {
    zh: '名单里有人并没有登记为本机构员工。',
    en: 'Someone in the list isn’t declared as your staff.',
  },
  'Community.TooManyStaff': {
    zh: '这样本机构登记的员工人数会超过上限。',
    en: 'This would take your declared staff over the limit.',
  },
  'Community.TooManyEmployers': {
    zh: '名单里有人登记为员工的机构数量已达上限。',
    en: 'Someone in the list is already declared as staff by as many providers as allowed.',
  },
  'Community.InsufficientDeposit': {
    zh: '账户余额不足以缴纳押金（注册服务机构或发布活动需要押金）。请先充值。',
    en: 'Your balance is too low to pay the deposit needed to register as a provider or publish an activity. Please top up first.',
  },
  'Community.StillApproved': {
    zh: '本机构仍在某个街道处于批准状态，要等所有批准过的街道都暂停后才能退出。',
    en: 'Your organisation is still approved by a street office; it can leave only after every office that approved it has suspended it.',
  },
  'Community.StaffStillDeclared': {
    zh: '本机构仍有登记的员工，请先移除他们再退出。',
    en: 'You still have staff declared. Remove them before leaving.',
  },

  // ---------------------------------------------------------------------------------------------
  // NeedsSurvey: needs surveys (需求调查)
  // ---------------------------------------------------------------------------------------------
  'NeedsSurvey.UnknownScope': {
    zh: '找不到调查针对的社区或街道，或者该街道已经撤销。',
    en: 'The community or street office this survey is for doesn’t exist, or its street office has been closed.',
  },
  'NeedsSurvey.NotManager': {
    zh: '只有街道管理员，或（针对某个社区时）该社区的工作人员，才能在这里发起调查。',
    en: 'Only the street office’s administrator, or for a community survey one of its officers, can create a survey here.',
  },
  'NeedsSurvey.NoQuestions': {
    zh: '调查至少需要一个问题。',
    en: 'A survey needs at least one question.',
  },
  'NeedsSurvey.NoOptions': {
    zh: '选择题至少需要一个选项。',
    en: 'A choice question needs at least one option.',
  },
  'NeedsSurvey.MaxChoicesOutOfRange': {
    zh: '多选题最多可选的数量必须在 1 到选项总数之间。',
    en: 'A multiple-choice question must allow between 1 and its number of options.',
  },
  'NeedsSurvey.OpensInPast': {
    zh: '开始时间已经过去，请选择以后的时间。',
    en: 'The opening time has already passed. Please choose a later time.',
  },
  'NeedsSurvey.OpensTooLate': {
    zh: '开始时间离现在太远，请选择近一些的日期。',
    en: 'The survey would open too far ahead. Please choose an earlier date.',
  },
  'NeedsSurvey.ClosesBeforeOpening': {
    zh: '截止时间必须晚于开始时间。',
    en: 'The closing time must be after the opening time.',
  },
  'NeedsSurvey.WindowTooLong': {
    zh: '调查时间太长，请缩短。',
    en: 'The survey runs too long. Please shorten it.',
  },
  'NeedsSurvey.TooManyOpenSurveys': {
    zh: '本街道进行中的调查已达上限，请先结束或取消一个。',
    en: 'This street office has too many open surveys. Close or cancel one first.',
  },
  'NeedsSurvey.SurveyIdsExhausted': {
    zh: '系统的调查编号已经用完，无法新建调查。请联系管理员。',
    en: 'The system has run out of survey numbers, so no new survey can be created. Please contact the administrator.',
  },
  'NeedsSurvey.InsufficientDeposit': {
    zh: '账户余额不足以缴纳发起调查所需的押金。',
    en: 'Your balance is too low to pay the deposit for a new survey.',
  },
  'NeedsSurvey.UnknownSurvey': {
    zh: '找不到这个调查，请检查后再试。',
    en: 'This survey doesn’t exist. Please check and try again.',
  },
  'NeedsSurvey.SurveyClosed': {
    zh: '这个调查已经结束了。',
    en: 'This survey has closed.',
  },
  'NeedsSurvey.SurveyCancelled': {
    zh: '这个调查已经取消了。',
    en: 'This survey has been cancelled.',
  },
  'NeedsSurvey.NotYetOpen': {
    zh: '这个调查还没开始，请在开始后再填写。',
    en: 'This survey hasn’t opened yet. Please answer it once it opens.',
  },
  'NeedsSurvey.ResponseWindowOver': {
    zh: '这个调查的填写时间已经结束。',
    en: 'The time for answering this survey is over.',
  },
  'NeedsSurvey.NotResident': {
    zh: '您的账户还没有登记为居民。如需登记，请带证件到居委会办理。',
    en: 'Your account isn’t registered as a resident. To register, bring your ID to your community committee.',
  },
  'NeedsSurvey.OutOfScope': {
    zh: '这个调查是面向其他社区（或街道）居民的，您不在调查范围内。',
    en: 'This survey is for residents of another community or street office, so you can’t answer it.',
  },
  'NeedsSurvey.RegisteredAfterOpening': {
    zh: '您是在这个调查开始之后才登记（或迁入）为本社区居民的，因此不能参加这次调查。',
    en: 'You were registered (or moved in) after this survey opened, so you can’t answer this one.',
  },
  'NeedsSurvey.AlreadyResponded': {
    zh: '您已经填写过这个调查了。如需改动，请使用“修改答案”。',
    en: 'You have already answered this survey. To change your answers, edit them instead.',
  },
  'NeedsSurvey.NoResponse': {
    zh: '您还没有填写这个调查，没有可以修改的答案。',
    en: 'You haven’t answered this survey yet, so there is nothing to change.',
  },
  'NeedsSurvey.WrongAnswerCount': {
    zh: '请按顺序回答每一个问题，每题回答一次。',
    en: 'Please answer every question, once each, in order.',
  },
  'NeedsSurvey.AnswerKindMismatch': {
    zh: '有答案的类型和题目不符（单选、多选或评分），请重新作答。',
    en: 'An answer doesn’t match its question’s type (single choice, multiple choice or rating). Please answer again.',
  },
  'NeedsSurvey.OptionOutOfRange': {
    zh: '所选的选项不存在，请重新选择。',
    en: 'A chosen option doesn’t exist. Please choose again.',
  },
  'NeedsSurvey.NoChoiceMade': {
    zh: '多选题请至少选择一项。',
    en: 'Please pick at least one option in each multiple-choice question.',
  },
  'NeedsSurvey.TooManyChoices': {
    zh: '有一道多选题选的项数超过了允许的数量。',
    en: 'You picked more options than a question allows.',
  },
  'NeedsSurvey.DuplicateChoice': {
    zh: '同一个选项被选了两次，请检查。',
    en: 'The same option was picked twice. Please check your answers.',
  },
  'NeedsSurvey.RatingOutOfRange': {
    zh: '评分必须在 1 到 5 分之间。',
    en: 'A rating must be from 1 to 5.',
  },
  'NeedsSurvey.CloseTooEarly': {
    zh: '调查时间还没结束，现在不能关闭；只有发起人在还没人填写时可以提前关闭。',
    en: 'The survey hasn’t reached its closing time. Only its creator can close it early, and only while nobody has answered.',
  },
  'NeedsSurvey.HasResponses': {
    zh: '已经有居民填写了，不能再取消或提前关闭这个调查。',
    en: 'Residents have already answered, so the survey can’t be cancelled or closed early.',
  },
  'NeedsSurvey.NotCreator': {
    zh: '只有调查发起人、街道管理员或链的管理方才能取消这个调查。',
    en: 'Only the survey’s creator, the street office’s administrator or the chain’s governance can cancel this survey.',
  },
  'NeedsSurvey.TooManyAmendments': {
    zh: '您修改答案的次数已达上限，不能再改了。',
    en: 'You have already changed your answers as many times as allowed.',
  },
  'NeedsSurvey.AnswersUnchanged': {
    zh: '新答案和原来的一样，不需要修改。',
    en: 'Your new answers are the same as before, so there is nothing to change.',
  },
  'NeedsSurvey.SurveyNotClosed': {
    zh: '只有已结束或已取消的调查才能清理答卷。',
    en: 'Responses can only be cleared from a closed or cancelled survey.',
  },
  'NeedsSurvey.RetentionNotOver': {
    zh: '答卷还在保留期内，暂时不能清理。',
    en: 'The responses are still within their retention period and can’t be cleared yet.',
  },
  'NeedsSurvey.NothingToReap': {
    zh: '这个调查已经没有可以清理的答卷。',
    en: 'This survey has no stored responses left to clear.',
  },
  'NeedsSurvey.ReapLimitOutOfRange': {
    zh: '一次清理的数量超出了允许范围，请调整。',
    en: 'The number of responses to clear at once is outside the allowed range.',
  },
  // Anonymous surveys (匿名问卷).
  'NeedsSurvey.ResponsesAreAnonymous': {
    zh: '这是匿名调研，请在应用里用“匿名提交”回答。',
    en: 'This survey is anonymous: answer it with the app’s anonymous submit.',
  },
  'NeedsSurvey.NotAnonymous': {
    zh: '这份调研不是匿名调研，请用普通方式回答。',
    en: 'This survey isn’t anonymous: answer it the usual way.',
  },
  'NeedsSurvey.RingsNotReady': {
    zh: '这份调研的匿名名单还在生成中，请过几个区块再提交。',
    en: 'This survey’s list of anonymous respondents is still being built. Submit again in a few blocks.',
  },
  'NeedsSurvey.UnknownRing': {
    zh: '这份调研没有这个匿名组，请刷新后重试。',
    en: 'This survey has no such group of anonymous respondents. Refresh and try again.',
  },
  'NeedsSurvey.BadProof': {
    zh: '匿名答卷的证明没有通过验证：您可能不在这份调研的名单里（例如密钥是在调研开始后才登记的），或证明是为别的调研或答案生成的。',
    en: 'The anonymous answers’ proof didn’t verify: you may not be on this survey’s list (for example, your key was registered after it opened), or the proof was made for another survey or other answers.',
  },
  'NeedsSurvey.StaleSequence': {
    zh: '这份匿名答卷已经提交过，或者之后又修改过，所以作废了。请刷新后重新提交。',
    en: 'These anonymous answers were already submitted, or have been changed since, so they no longer count. Refresh and submit again.',
  },
  'NeedsSurvey.SequenceAhead': {
    zh: '这份匿名答卷的序号超前了，之前的答卷还没记录上链。请等它确认后再修改。',
    en: 'These anonymous answers are numbered ahead of the ones recorded. Wait until the earlier ones are confirmed, then change them.',
  },

  // ---------------------------------------------------------------------------------------------
  // Procurement: government-purchased services chosen by residents' ballot (购买服务投票)
  // ---------------------------------------------------------------------------------------------
  'Procurement.UnknownProject': {
    zh: '找不到这个购买服务项目，请检查后再试。',
    en: 'This service project doesn’t exist. Please check and try again.',
  },
  'Procurement.UnknownScope': {
    zh: '项目针对的社区或街道不存在，或者已经撤销。',
    en: 'The community or street office this project is for doesn’t exist or has been closed.',
  },
  'Procurement.NotOfficeAdmin': {
    zh: '只有这个项目所属街道的管理员才能办理此事。',
    en: 'Only the administrator of this project’s street office can do this.',
  },
  'Procurement.ScopeOutsideOffice': {
    zh: '新的范围属于其他街道；项目只能覆盖本街道的社区。',
    en: 'The new area belongs to another street office; a project can only cover its own office’s area.',
  },
  'Procurement.UnknownSurvey': {
    zh: '找不到关联的需求调查。',
    en: 'The linked needs survey doesn’t exist.',
  },
  'Procurement.SurveyOutsideOffice': {
    zh: '关联的需求调查属于其他街道。',
    en: 'The linked needs survey belongs to another street office.',
  },
  'Procurement.EmptyTitle': {
    zh: '项目需要填写标题。',
    en: 'The project needs a title.',
  },
  'Procurement.InvalidQuorum': {
    zh: '最低投票率是一个百分比，不能超过 100。',
    en: 'The quorum is a percentage and can’t be over 100.',
  },
  'Procurement.BiddingStartsInPast': {
    zh: '投标开始时间已经过去，请选择以后的时间。',
    en: 'The bidding start time has passed. Please choose a later time.',
  },
  'Procurement.StartsTooLate': {
    zh: '投标开始时间离现在太远，请选择近一些的日期。',
    en: 'Bidding would open too far ahead. Please choose an earlier date.',
  },
  'Procurement.ProjectTooLong': {
    zh: '从投标开始到投票结束的时间太长，请缩短。',
    en: 'The time from the start of bidding to the end of voting is too long. Please shorten it.',
  },
  'Procurement.ConflictOfInterest': {
    zh: '您登记为参与本项目投标的某家服务机构的员工，按回避规定不能在本项目投票。',
    en: 'You are declared staff of a provider bidding in this project, so under the conflict-of-interest rule you can’t vote in it.',
  },
  'Procurement.DeadlineAfterVoting': {
    zh: '代为提交的选票，有效期必须在投票结束之前。请让居民重新签名。',
    en: 'A relayed ballot must expire before voting ends. Ask the resident to sign it again.',
  },
  'Procurement.InsufficientDeposit': {
    zh: '账户余额不足以缴纳押金（发布项目或投标需要押金）。',
    en: 'Your balance is too low to pay the deposit needed to open a project or submit a bid.',
  },
  'Procurement.EmptyWindow': {
    zh: '投标、投票和揭晓的时间段都不能为空。',
    en: 'The bidding, voting and reveal periods must each last some time.',
  },
  'Procurement.VotingBeforeBiddingEnds': {
    zh: '投票必须在投标结束之后才开始。',
    en: 'Voting can’t start before bidding ends.',
  },
  'Procurement.TooManyOpenProjects': {
    zh: '本街道进行中的项目已达上限，请先结束或取消一个。',
    en: 'This street office has too many open projects. Close or cancel one first.',
  },
  'Procurement.ProjectIdsExhausted': {
    zh: '系统的项目编号已经用完，无法新建项目。请联系管理员。',
    en: 'The system has run out of project numbers, so no new project can be created. Please contact the administrator.',
  },
  'Procurement.RulesLocked': {
    zh: '投标已经开始，项目规则已经锁定，不能再修改或取消。',
    en: 'Bidding has begun, so the project’s rules are locked and it can’t be changed or cancelled.',
  },
  'Procurement.ProjectClosed': {
    zh: '这个项目已经结束或被取消了。',
    en: 'This project has already closed or been cancelled.',
  },
  'Procurement.ReasonRequired': {
    zh: '请填写要公开的理由。',
    en: 'Please give a public reason.',
  },
  'Procurement.NotApprovedProvider': {
    zh: '您的机构没有获得本街道批准（或已被暂停），不能参加投标。',
    en: 'Your organisation isn’t approved by this street office (or is suspended), so it can’t bid.',
  },
  'Procurement.NotInGoodStanding': {
    zh: '您的机构有逾期未处理的差评整改，或评分过低，暂时不能投标。请先处理整改事项。',
    en: 'Your organisation has overdue complaint follow-ups or a low rating, so it can’t bid for now. Deal with the follow-ups first.',
  },
  'Procurement.BiddingNotOpen': {
    zh: '现在不在投标时间内，不能提交或撤回投标。',
    en: 'It isn’t the bidding period, so bids can’t be submitted or withdrawn now.',
  },
  'Procurement.PriceOverBudget': {
    zh: '报价超出了项目预算，请降低报价。',
    en: 'Your price is over the project’s budget. Please lower it.',
  },
  'Procurement.AlreadyBid': {
    zh: '您的机构已经在本项目投过标了（撤回后也不能再投）。',
    en: 'Your organisation has already bid in this project; a withdrawn bid can’t be submitted again.',
  },
  'Procurement.TooManyBids': {
    zh: '本项目的投标数量已满。',
    en: 'This project already has as many bids as allowed.',
  },
  'Procurement.NoBid': {
    zh: '您的机构在本项目中没有投标。',
    en: 'Your organisation has no bid in this project.',
  },
  'Procurement.BidNotActive': {
    zh: '这份投标已经撤回，或已被取消资格。',
    en: 'This bid has already been withdrawn or disqualified.',
  },
  'Procurement.UnknownBid': {
    zh: '本项目没有这份投标，请检查后再试。',
    en: 'This project has no such bid. Please check and try again.',
  },
  'Procurement.VotingStarted': {
    zh: '投票已经开始，不能再取消投标资格。',
    en: 'Voting has started, so bids can no longer be disqualified.',
  },
  'Procurement.NotResident': {
    zh: '这个账户还没有登记为居民。如需登记，请带证件到居委会办理。',
    en: 'This account isn’t registered as a resident. To register, bring your ID to your community committee.',
  },
  'Procurement.NotEligible': {
    zh: '您不在本项目的投票范围内，或者是在项目发布之后才登记（迁入）为居民，因此不能参加这一轮投票。',
    en: 'You can’t vote in this ballot: either you don’t live in the area it covers, or you were registered (or moved) there after it was announced.',
  },
  'Procurement.VotingNotOpen': {
    zh: '现在不在投票时间内，请在投票开始后、结束前投票。',
    en: 'Voting isn’t open right now. Please vote between its opening and closing times.',
  },
  'Procurement.BidWithdrawn': {
    zh: '这家机构已经撤回了投标，请选择其他机构。',
    en: 'This provider withdrew its bid. Please choose another.',
  },
  'Procurement.BidDisqualified': {
    zh: '这份投标已被街道取消资格，请选择其他机构。',
    en: 'This bid was disqualified by the street office. Please choose another.',
  },
  'Procurement.TooManyChanges': {
    zh: '您改票的次数已达上限，不能再改了。',
    en: 'You have already changed your vote as many times as allowed.',
  },
  'Procurement.UnchangedBallot': {
    zh: '您的选票已经是这个选择，不需要重复投。',
    en: 'Your ballot already says this, so there is nothing to change.',
  },
  'Procurement.BallotIsSecret': {
    zh: '本项目是秘密投票：请先提交加密选票，投票结束后再揭晓。',
    en: 'This is a secret ballot: submit your sealed vote now, and reveal it after voting ends.',
  },
  'Procurement.BallotIsOpen': {
    zh: '本项目是公开投票，请直接选择一家机构投票。',
    en: 'This is an open ballot: vote for a provider directly.',
  },
  'Procurement.BadSignature': {
    zh: '选票上的签名不是这位居民的，请让居民重新签名。',
    en: 'The signature on this ballot isn’t the resident’s. Ask the resident to sign it again.',
  },
  'Procurement.SignatureExpired': {
    zh: '这张签名选票已经过了有效期，请让居民重新签名。',
    en: 'This signed ballot has expired. Ask the resident to sign it again.',
  },
  'Procurement.StaleSequence': {
    zh: '这张签名选票已经用过，或者居民签名后又投过票，所以作废了。如需改票，请重新签名。',
    en: 'This signed ballot was already used, or the resident has voted since signing it. To change the vote, sign a new one.',
  },
  'Procurement.SequenceAhead': {
    zh: '这张签名选票的序号超前了，之前的选票还没提交。请先提交之前的选票，或重新签名。',
    en: 'This signed ballot is numbered ahead of the votes actually cast. Submit the earlier one first, or sign again.',
  },
  'Procurement.RevealingNotOpen': {
    zh: '现在不在揭晓时间内。请在投票结束后、揭晓期结束前揭晓选票。',
    en: 'It isn’t the reveal period. Reveal your vote after voting ends and before the reveal period closes.',
  },
  'Procurement.NoCommitment': {
    zh: '您在本项目没有提交过加密选票，没有可以揭晓的内容。',
    en: 'You didn’t submit a sealed vote in this project, so there is nothing to reveal.',
  },
  'Procurement.AlreadyRevealed': {
    zh: '您的选票已经揭晓过了。',
    en: 'Your vote has already been revealed.',
  },
  'Procurement.CommitmentMismatch': {
    zh: '揭晓的选择或随机码与您之前提交的加密选票不一致。请使用投票时保存的信息。',
    en: 'The choice or secret code doesn’t match the sealed vote you submitted. Use the details saved when you voted.',
  },
  'Procurement.TooEarly': {
    zh: '投票（或揭晓）还没结束，暂时不能关闭项目。',
    en: 'Voting (or revealing) hasn’t ended yet, so the project can’t be closed.',
  },
  'Procurement.StillOpen': {
    zh: '项目还没结束，选票记录需要保留。',
    en: 'The project hasn’t ended, so its ballot records must stay.',
  },
  'Procurement.RetentionNotOver': {
    zh: '选票记录还在保留期内，暂时不能清理。',
    en: 'The ballot records are still within their retention period and can’t be cleared yet.',
  },
  'Procurement.NothingToReap': {
    zh: '这个项目已经没有可以清理的选票记录。',
    en: 'This project has no ballot records left to clear.',
  },
  'Procurement.ReapLimitOutOfRange': {
    zh: '一次清理的数量超出了允许范围，请调整。',
    en: 'The number of ballot records to clear at once is outside the allowed range.',
  },

  // ---------------------------------------------------------------------------------------------
  // Vouchers: service vouchers (服务券), claimed, used with a provider, confirmed and settled
  // ---------------------------------------------------------------------------------------------
  'Vouchers.NotOfficeAdmin': {
    zh: '只有这个服务券项目所属街道的管理员才能办理此事。',
    en: 'Only the administrator of this voucher programme’s street office can do this.',
  },
  'Vouchers.UnknownProject': {
    zh: '没有找到已经确定中标机构的这个购买服务项目。',
    en: 'No service project with this number has been awarded.',
  },
  'Vouchers.UnknownScope': {
    zh: '发放范围内的社区或街道不存在，或者该街道已经撤销。',
    en: 'The area for this programme doesn’t exist, or its street office has been closed.',
  },
  'Vouchers.UnknownProgramme': {
    zh: '找不到这个服务券项目，请检查后再试。',
    en: 'This voucher programme doesn’t exist. Please check and try again.',
  },
  'Vouchers.UnknownVoucher': {
    zh: '找不到这张服务券，请检查券号。',
    en: 'This voucher doesn’t exist. Please check its number.',
  },
  'Vouchers.UnknownRedemption': {
    zh: '找不到这次服务券的使用记录，可能已经取消了。',
    en: 'This use of a voucher can’t be found; it may have been cancelled.',
  },
  'Vouchers.EmptyServiceName': {
    zh: '请填写服务名称。',
    en: 'Please enter the name of the service.',
  },
  'Vouchers.ZeroUnitValue': {
    zh: '每张服务券的面值不能为零。',
    en: 'Each voucher’s value can’t be zero.',
  },
  'Vouchers.ZeroLimit': {
    zh: '每人（或每户）可领的数量不能为零。',
    en: 'The number per resident or household can’t be zero.',
  },
  'Vouchers.LimitTooHigh': {
    zh: '每人可领的数量超过了一位居民最多能持有的服务券数量。',
    en: 'The limit is higher than the number of vouchers a resident may hold.',
  },
  'Vouchers.ZeroSupply': {
    zh: '发放总量不能为零。',
    en: 'The total supply can’t be zero.',
  },
  'Vouchers.InsufficientSupply': {
    zh: '“人人有份”的项目，总量必须够范围内每位居民领取：请降低每人数量、增加总量，或改为先到先得。',
    en: 'For an everyone-entitled programme the supply must cover every resident in the area: lower the limit, raise the supply, or choose first come, first served.',
  },
  'Vouchers.InvalidClaimWindow': {
    zh: '领取开始时间必须早于截止时间。',
    en: 'The claim period must open before it closes.',
  },
  'Vouchers.ClaimWindowInPast': {
    zh: '领取截止时间已经过去，请选择以后的时间。',
    en: 'The claim period would already be over. Please choose later times.',
  },
  'Vouchers.ClaimOpensTooLate': {
    zh: '领取开始时间离现在太远，请选择近一些的日期。',
    en: 'Claiming would open too far ahead. Please choose an earlier date.',
  },
  'Vouchers.TooManyProgrammesForAward': {
    zh: '这个中标合同下的服务券项目数量已达上限。',
    en: 'This award already funds as many voucher programmes as allowed.',
  },
  'Vouchers.AwardExceeded': {
    zh: '服务券的总面值（加上该合同的其他项目）会超过中标金额。',
    en: 'The vouchers’ total value, with the award’s other programmes, would exceed the awarded price.',
  },
  'Vouchers.TooManyCancellations': {
    zh: '这张服务券取消使用的次数太多了，请改用线下方式：让服务机构扫描您的二维码。',
    en: 'This voucher’s uses were cancelled too many times. Use it offline instead: let the provider scan your QR code.',
  },
  'Vouchers.ConflictOfInterest': {
    zh: '您登记为这家服务机构的员工，按回避规定不能在本机构使用服务券。请选择其他机构。',
    en: 'You are declared staff of this provider, so under the conflict-of-interest rule you can’t use vouchers with it. Please choose another provider.',
  },
  'Vouchers.HouseholdChangedAfterOpening': {
    zh: '您的户籍信息是在领取开始之后才登记或变更的，本项目按领取开始时的家庭户计算，因此不能领取。',
    en: 'Your household was registered or changed after claiming opened; this programme counts households as they were then, so you can’t claim.',
  },
  'Vouchers.InsufficientDeposit': {
    zh: '账户余额不足以缴纳设立服务券项目所需的押金。',
    en: 'Your balance is too low to pay the deposit a voucher programme needs.',
  },
  'Vouchers.NoDeposit': {
    zh: '这个项目的押金已经退还，没有押金可退。',
    en: 'This programme’s deposit has already been returned.',
  },
  'Vouchers.ProgrammeNotFinished': {
    zh: '项目还没到期，或者还有服务券既没结算也没标记过期，暂时不能退还押金。',
    en: 'The programme hasn’t expired, or some of its vouchers are neither settled nor marked expired, so the deposit can’t be returned yet.',
  },
  'Vouchers.ExpiryBeforeClaimCloses': {
    zh: '服务券的有效期不能早于领取截止时间。',
    en: 'Vouchers can’t expire before the claim period closes.',
  },
  'Vouchers.NoProviders': {
    zh: '直接发放的项目至少需要指定一家服务机构。',
    en: 'A direct programme needs at least one provider.',
  },
  'Vouchers.DuplicateProvider': {
    zh: '有服务机构被重复列出。',
    en: 'A provider is listed twice.',
  },
  'Vouchers.ProviderNotApproved': {
    zh: '这家服务机构没有获得本街道批准，或已被暂停，暂时不能提供这项服务。请选择其他机构。',
    en: 'This provider isn’t approved by the street office (or is suspended), so it can’t provide this service now. Please choose another.',
  },
  'Vouchers.TooManyOpenProgrammes': {
    zh: '本街道正在领取中的服务券项目已达上限。',
    en: 'This street office already has as many programmes open for claiming as allowed.',
  },
  'Vouchers.NotResident': {
    zh: '这个账户还没有登记为居民。如需登记，请带证件到居委会办理。',
    en: 'This account isn’t registered as a resident. To register, bring your ID to your community committee.',
  },
  'Vouchers.NotInScope': {
    zh: '这批服务券是发给其他社区居民的，您不在发放范围内。',
    en: 'These vouchers are for residents of another area, so you can’t claim them.',
  },
  'Vouchers.ClaimsNotOpenToResidents': {
    zh: '这批服务券由街道直接发放，不需要申领。',
    en: 'These vouchers are handed out directly by the street office; residents don’t claim them.',
  },
  'Vouchers.ClaimWindowNotOpen': {
    zh: '领取还没开始，请在开始后再来领取。',
    en: 'Claiming hasn’t opened yet. Please come back once it opens.',
  },
  'Vouchers.ClaimWindowClosed': {
    zh: '领取时间已经结束。',
    en: 'The claim period has ended.',
  },
  'Vouchers.SupplyExhausted': {
    zh: '这批服务券已经发完了。',
    en: 'All the vouchers of this programme have been given out.',
  },
  'Vouchers.ResidentLimitReached': {
    zh: '您已经领满了本项目每人可领的数量。',
    en: 'You have already received as many vouchers from this programme as each resident may.',
  },
  'Vouchers.HouseholdLimitReached': {
    zh: '您家已经领满了本项目每户可领的数量。',
    en: 'Your household has already received as many vouchers from this programme as each household may.',
  },
  'Vouchers.NoHousehold': {
    zh: '本项目按户发放，而您还没有登记户籍信息。请到居委会补登。',
    en: 'This programme gives vouchers per household, and you have no household registered. Ask your community committee to add it.',
  },
  'Vouchers.TooManyVouchers': {
    zh: '您持有的服务券已达上限。请先使用一些，或等过期的券被标记后再领。',
    en: 'You already hold as many vouchers as allowed. Use some, or wait until expired ones are marked, then claim again.',
  },
  'Vouchers.EmptyBatch': {
    zh: '列表是空的，请至少选择一项。',
    en: 'The list is empty. Please select at least one item.',
  },
  'Vouchers.NotVoucherOwner': {
    zh: '这张服务券（或这次使用记录）属于其他居民。',
    en: 'This voucher, or this use of it, belongs to another resident.',
  },
  'Vouchers.AlreadyRedeemed': {
    zh: '这张服务券已经使用过了。',
    en: 'This voucher has already been used.',
  },
  'Vouchers.VoucherExpired': {
    zh: '这张服务券已经过期，不能再使用。',
    en: 'This voucher has expired and can’t be used.',
  },
  'Vouchers.ProviderNotAccepted': {
    zh: '这张服务券不能在这家机构使用，请选择券上列明的服务机构。',
    en: 'This voucher can’t be used with this provider. Please choose one of the providers it lists.',
  },
  'Vouchers.NotRedemptionProvider': {
    zh: '只有居民选择的那家服务机构才能确认这次服务。',
    en: 'Only the provider the resident chose can confirm this service.',
  },
  'Vouchers.AlreadyConfirmed': {
    zh: '这次服务已经确认过了。',
    en: 'This service has already been confirmed.',
  },
  'Vouchers.TooEarlyToCancel': {
    zh: '服务机构还在确认期限内，暂时不能取消，请过一段时间再试。',
    en: 'The provider still has time to confirm, so you can’t cancel yet. Please try again later.',
  },
  'Vouchers.BadSignature': {
    zh: '二维码上的签名与这张券的持有人、服务机构或本链不符。请让居民重新生成二维码。',
    en: 'The QR code’s signature doesn’t match the voucher’s holder, this provider or this chain. Ask the resident to make a new QR code.',
  },
  'Vouchers.SignatureExpired': {
    zh: '二维码已经过了有效期，请让居民重新生成。',
    en: 'The QR code has expired. Ask the resident to make a new one.',
  },
  'Vouchers.DeadlineTooFar': {
    zh: '二维码的有效期设得太长，请重新生成一个有效期短一些的二维码。',
    en: 'The QR code is valid for too long. Please make a new one with a shorter validity.',
  },
  'Vouchers.NotConfirmed': {
    zh: '服务机构还没确认这次服务，暂时不能结算。',
    en: 'The provider hasn’t confirmed this service yet, so it can’t be settled.',
  },
  'Vouchers.AlreadySettled': {
    zh: '这次服务已经结算过了。',
    en: 'This service has already been settled.',
  },
  'Vouchers.RedemptionOfOtherProvider': {
    zh: '这条使用记录属于另一家服务机构。',
    en: 'This voucher was used with another provider.',
  },
  'Vouchers.MixedProgrammes': {
    zh: '一次结算只能包含同一个服务券项目的记录。',
    en: 'One settlement can only cover voucher uses from a single programme.',
  },
  'Vouchers.DuplicateRedemption': {
    zh: '有使用记录被重复列出。',
    en: 'A voucher use is listed twice.',
  },
  'Vouchers.AmountAboveFaceValue': {
    zh: '结算金额超过了这些服务券的总面值。',
    en: 'The amount is more than these vouchers’ total face value.',
  },
  'Vouchers.NotYetExpired': {
    zh: '这个服务券项目还没到期。',
    en: 'This voucher programme hasn’t expired yet.',
  },
  'Vouchers.VoucherOfOtherProgramme': {
    zh: '这张服务券属于另一个项目。',
    en: 'This voucher belongs to another programme.',
  },
  'Vouchers.VoucherInUse': {
    zh: '这张服务券已经使用了，不能标记为过期。',
    en: 'This voucher has been used, so it can’t be marked expired.',
  },
  'Vouchers.AlreadyMarkedExpired': {
    zh: '这张服务券已经标记为过期。',
    en: 'This voucher is already marked expired.',
  },
  'Vouchers.DuplicateVoucher': {
    zh: '有服务券被重复列出。',
    en: 'A voucher is listed twice.',
  },
  'Vouchers.DepositNotReleased': {
    zh: '这个项目还没有结束（押金尚未退还），它的凭证记录暂时不能清理。',
    en: 'This programme hasn’t finished yet (its deposit hasn’t been released), so its voucher records can’t be cleared.',
  },
  'Vouchers.RetentionNotOver': {
    zh: '这些记录还在保留期内，暂时不能清理。',
    en: 'These records are still within their retention period and can’t be cleared yet.',
  },
  'Vouchers.NothingToReap': {
    zh: '已经没有可以清理的记录。',
    en: 'There are no records left to clear.',
  },
  'Vouchers.ReapLimitOutOfRange': {
    zh: '一次清理的数量超出了允许范围，请调整。',
    en: 'The number of records to clear at once is outside the allowed range.',
  },

  // ---------------------------------------------------------------------------------------------
  // Satisfaction: ratings of delivered services (满意度评价), complaint follow-ups and appeals
  // ---------------------------------------------------------------------------------------------
  'Satisfaction.ScoreOutOfRange': {
    zh: '评分必须在 1（非常不满意）到 5（非常满意）之间。',
    en: 'A score must be from 1 (very dissatisfied) to 5 (very satisfied).',
  },
  'Satisfaction.NotResident': {
    zh: '您的账户还没有登记为居民。如需登记，请带证件到居委会办理。',
    en: 'Your account isn’t registered as a resident. To register, bring your ID to your community committee.',
  },
  'Satisfaction.ConflictOfInterest': {
    zh: '您登记为提供这次服务的机构的员工，按回避规定不能评价本机构。',
    en: 'You are declared staff of the provider that served you, so under the conflict-of-interest rule you can’t rate it.',
  },
  'Satisfaction.UnknownRedemption': {
    zh: '找不到这次服务记录，可能已经取消了。',
    en: 'This service record can’t be found; it may have been cancelled.',
  },
  'Satisfaction.NotRedeemer': {
    zh: '只有用服务券接受这次服务的居民本人才能评价。',
    en: 'Only the resident who used the voucher for this service can rate it.',
  },
  'Satisfaction.NotConfirmed': {
    zh: '服务机构还没确认完成这次服务，确认后才能评价。',
    en: 'The provider hasn’t confirmed this service yet; you can rate it once it does.',
  },
  'Satisfaction.AlreadyRated': {
    zh: '这次服务已经评价过了。',
    en: 'This service has already been rated.',
  },
  'Satisfaction.RatingWindowClosed': {
    zh: '这次服务的评价期限已经过了。',
    en: 'The time for rating this service is over.',
  },
  'Satisfaction.UnknownCase': {
    zh: '找不到这个差评整改事项。',
    en: 'This complaint follow-up doesn’t exist.',
  },
  'Satisfaction.NotProvider': {
    zh: '只有提供这次服务的机构才能办理此事。',
    en: 'Only the provider of the rated service can do this.',
  },
  'Satisfaction.AlreadyResponded': {
    zh: '这个整改事项已经回复过了。',
    en: 'This follow-up has already been answered.',
  },
  'Satisfaction.CaseAlreadyClosed': {
    zh: '这个整改事项已经结案。',
    en: 'This follow-up has already been closed.',
  },
  'Satisfaction.AlreadyOverdue': {
    zh: '这个整改事项已经标记为逾期。',
    en: 'This follow-up is already marked overdue.',
  },
  'Satisfaction.DeadlineNotPassed': {
    zh: '整改回复期限还没到，暂时不能标记为逾期。',
    en: 'The follow-up’s response deadline hasn’t passed yet, so it can’t be marked overdue.',
  },
  'Satisfaction.NotOfficeAdmin': {
    zh: '只有这项服务所属街道的管理员才能办理此事。',
    en: 'Only the administrator of this service’s street office can do this.',
  },
  'Satisfaction.UnknownRating': {
    zh: '这次服务还没有评价记录。',
    en: 'There is no rating for this service.',
  },
  'Satisfaction.AppealWindowClosed': {
    zh: '这条评价的申诉期限已经过了。',
    en: 'The time for appealing this rating is over.',
  },
  'Satisfaction.AlreadyAppealed': {
    zh: '这条评价已经申诉过了，每条评价只能申诉一次。',
    en: 'This rating has already been appealed; each rating can be appealed only once.',
  },
  'Satisfaction.NoPendingAppeal': {
    zh: '这条评价没有等待处理的申诉。',
    en: 'This rating has no appeal waiting for a decision.',
  },
  'Satisfaction.ReapLimitOutOfRange': {
    zh: '一次清理的数量超出了允许范围，请调整。',
    en: 'The number of ratings to clear at once is outside the allowed range.',
  },
  'Satisfaction.ProgrammeNotFinished': {
    zh: '这个服务项目还没有结束，它的评价暂时不能清理。',
    en: 'This programme hasn’t finished yet, so its ratings can’t be cleared.',
  },
  'Satisfaction.RetentionNotOver': {
    zh: '这些评价还在保留期内，暂时不能清理。',
    en: 'These ratings are still within their retention period and can’t be cleared yet.',
  },
  'Satisfaction.NothingToReap': {
    zh: '这个服务项目已经没有可以清理的评价。',
    en: 'This programme has no ratings left to clear.',
  },
  'Satisfaction.FollowUpPending': {
    zh: '剩下的评价还有未处理完的申诉或跟进，处理完之后才能清理。',
    en: 'The remaining ratings still have an appeal or follow-up open; they can be cleared once it is settled.',
  },

  // ---------------------------------------------------------------------------------------------
  // System
  // ---------------------------------------------------------------------------------------------
  'System.CallFiltered': {
    zh: '这个操作不被允许：这个账户（或代理权限）不能执行这类操作。',
    en: 'This action isn’t allowed from this account, or with this proxy’s permissions.',
  },
  'System.NonDefaultComposite': {
    zh: '这个账户还有关联的数据，不能删除。',
    en: 'This account still has data tied to it and can’t be removed.',
  },
  'System.NonZeroRefCount': {
    zh: '这个账户还有押金或其他关联，不能删除。',
    en: 'This account still has deposits or other things depending on it and can’t be removed.',
  },
  'System.InvalidSpecName': {
    zh: '系统升级文件与本链不匹配，不能升级。',
    en: 'The upgrade doesn’t belong to this chain, so it can’t be applied.',
  },
  'System.SpecVersionNeedsToIncrease': {
    zh: '系统升级的版本号必须比当前版本高。',
    en: 'The upgrade must have a higher version than the current one.',
  },
  'System.FailedToExtractRuntimeVersion': {
    zh: '无法读取系统升级文件的版本信息。',
    en: 'The upgrade’s version information can’t be read.',
  },
  'System.MultiBlockMigrationsOngoing': {
    zh: '系统正在升级数据，请稍后再试。',
    en: 'The system is still migrating data after an upgrade. Please try again later.',
  },
  'System.NothingAuthorized': {
    zh: '目前没有获得授权的系统升级。',
    en: 'No system upgrade has been authorised.',
  },
  'System.Unauthorized': {
    zh: '提交的系统升级文件没有获得授权。',
    en: 'The submitted upgrade hasn’t been authorised.',
  },

  // ---------------------------------------------------------------------------------------------
  // Balances
  // ---------------------------------------------------------------------------------------------
  'Balances.VestingBalance': {
    zh: '部分余额还在分期解锁中，暂时不能转出。',
    en: 'Part of the balance is still vesting and can’t be sent yet.',
  },
  'Balances.LiquidityRestrictions': {
    zh: '账户里有部分资金被锁定（例如押金），可用余额不够。',
    en: 'Some of the funds are locked, for example as deposits, so not enough is available.',
  },
  'Balances.InsufficientBalance': {
    zh: '账户余额不足。',
    en: 'The account’s balance is too low.',
  },
  'Balances.ExistentialDeposit': {
    zh: '金额太少，低于开立账户所需的最低余额。',
    en: 'The amount is too small: it is below the minimum balance an account needs.',
  },
  'Balances.Expendability': {
    zh: '这样会让账户余额低于最低限额而被关闭，请留一些余额。',
    en: 'This would take the account below its minimum balance and close it. Please leave a little in it.',
  },
  'Balances.ExistingVestingSchedule': {
    zh: '这个账户已经有分期解锁安排了。',
    en: 'This account already has a vesting schedule.',
  },
  'Balances.DeadAccount': {
    zh: '收款账户还不存在。',
    en: 'The receiving account doesn’t exist yet.',
  },
  'Balances.TooManyReserves': {
    zh: '这个账户的预留款项数量已达上限。',
    en: 'This account has too many reserved amounts.',
  },
  'Balances.TooManyHolds': {
    zh: '这个账户被扣押（如押金）的项目数量已达上限。',
    en: 'This account already has as many deposits held as allowed.',
  },
  'Balances.TooManyFreezes': {
    zh: '这个账户被冻结的项目数量已达上限。',
    en: 'This account already has as many freezes as allowed.',
  },
  'Balances.IssuanceDeactivated': {
    zh: '发行量已经停用，不能再调整。',
    en: 'The issuance has been deactivated and can’t be changed.',
  },
  'Balances.DeltaZero': {
    zh: '调整的金额不能为零。',
    en: 'The amount can’t be zero.',
  },

  // ---------------------------------------------------------------------------------------------
  // Utility, Multisig, Proxy, Sudo
  // ---------------------------------------------------------------------------------------------
  'Utility.TooManyCalls': {
    zh: '一次打包的操作太多，请分几次提交。',
    en: 'Too many actions in one batch. Please submit them in several parts.',
  },
  'Multisig.MinimumThreshold': {
    zh: '多人共管账户至少需要 2 人批准。',
    en: 'A shared (multisig) account needs at least 2 approvals.',
  },
  'Multisig.AlreadyApproved': {
    zh: '您已经批准过这项操作了。',
    en: 'You have already approved this action.',
  },
  'Multisig.NoApprovalsNeeded': {
    zh: '这项操作不需要（更多的）批准了。',
    en: 'This action needs no more approvals.',
  },
  'Multisig.TooFewSignatories': {
    zh: '共管人太少。',
    en: 'There are too few co-signers.',
  },
  'Multisig.TooManySignatories': {
    zh: '共管人太多。',
    en: 'There are too many co-signers.',
  },
  'Multisig.SignatoriesOutOfOrder': {
    zh: '共管人名单的顺序不对，请让应用重新生成名单。',
    en: 'The co-signers are in the wrong order. Let the app rebuild the list.',
  },
  'Multisig.SenderInSignatories': {
    zh: '“其他共管人”名单里不应包含您自己。',
    en: 'The list of other co-signers shouldn’t include you.',
  },
  'Multisig.NotFound': {
    zh: '找不到这项待批准的共管操作，可能已经执行或取消了。',
    en: 'This pending shared-account action can’t be found; it may have been carried out or cancelled.',
  },
  'Multisig.NotOwner': {
    zh: '只有发起这项共管操作的人才能取消它。',
    en: 'Only whoever started this shared-account action can cancel it.',
  },
  'Multisig.NoTimepoint': {
    zh: '这项共管操作已经在进行中，请附上它的发起时间点。',
    en: 'This shared-account action is already underway; include the point at which it started.',
  },
  'Multisig.WrongTimepoint': {
    zh: '提供的时间点与正在进行的共管操作不符。',
    en: 'The given starting point doesn’t match the shared-account action underway.',
  },
  'Multisig.UnexpectedTimepoint': {
    zh: '没有正在进行的共管操作，不需要提供时间点。',
    en: 'No shared-account action is underway, so no starting point is needed.',
  },
  'Multisig.MaxWeightTooLow': {
    zh: '为这项操作预留的执行资源不够，请预留多一些后重新提交。',
    en: 'Not enough execution resources were allowed for this action. Submit it again with more.',
  },
  'Multisig.AlreadyStored': {
    zh: '这项数据已经保存过了。',
    en: 'This data is already stored.',
  },
  'Proxy.TooMany': {
    zh: '代理人或待执行的代理公告数量已达上限。',
    en: 'There are too many proxies or pending announcements.',
  },
  'Proxy.NotFound': {
    zh: '找不到这个代理授权。',
    en: 'This proxy authorisation can’t be found.',
  },
  'Proxy.NotProxy': {
    zh: '您不是这个账户的代理人，不能代它操作。',
    en: 'You are not a proxy of this account, so you can’t act for it.',
  },
  'Proxy.Unproxyable': {
    zh: '您的代理权限不包括这类操作。',
    en: 'Your proxy permissions don’t cover this kind of action.',
  },
  'Proxy.Duplicate': {
    zh: '这个账户已经是代理人了。',
    en: 'This account is already a proxy.',
  },
  'Proxy.NoPermission': {
    zh: '这项操作不能通过代理进行，因为它可能扩大代理权限。',
    en: 'This can’t be done through a proxy because it could widen the proxy’s permissions.',
  },
  'Proxy.Unannounced': {
    zh: '这项代理操作需要先公告，并等待一段时间后才能执行。',
    en: 'This proxy action must be announced first, and can be carried out only after a waiting period.',
  },
  'Proxy.NoSelfProxy': {
    zh: '不能把账户设为它自己的代理人。',
    en: 'An account can’t be its own proxy.',
  },
  'Sudo.RequireSudo': {
    zh: '只有链的管理方才能执行这个操作。',
    en: 'Only the chain’s governance can do this.',
  },
  // Ring member keys (匿名投票用的成员公钥).
  'Community.InvalidMemberKey': {
    zh: '这不是有效的成员公钥。请在应用里重新生成。',
    en: 'This isn’t a valid member key. Generate a new one in the app.',
  },
  'Community.InvalidMemberKeyProof': {
    zh: '无法证明这个成员公钥属于您（证明是为别的账户或别的内容生成的）。请在本账户的应用里重新生成。',
    en: 'The proof doesn’t show that this member key is yours (it was made for another account or other content). Generate it again in this account’s app.',
  },
  'Community.MemberKeyTaken': {
    zh: '这个成员公钥已被登记过（别的居民的，或您以前用过的）。请生成一个新的。',
    en: 'This member key is already registered (another resident’s, or one you used before). Generate a new one.',
  },
  'Community.MemberKeyUnchanged': {
    zh: '这已经是您当前的成员公钥，无需重复登记。',
    en: 'This is already your member key; there is nothing to change.',
  },
  'Community.MemberKeyChangedRecently': {
    zh: '成员公钥每天最多更换一次，请明天再换。',
    en: 'A member key can be changed at most once a day. Try again tomorrow.',
  },
  // Anonymous ballots (匿名投票).
  'Procurement.BallotIsAnonymous': {
    zh: '本项目是匿名投票，请在应用里用“匿名投票”提交选票。',
    en: 'This project’s ballot is anonymous: vote with “anonymous ballot” in the app.',
  },
  'Procurement.NotAnonymous': {
    zh: '本项目不是匿名投票，请用普通方式投票。',
    en: 'This project’s ballot isn’t anonymous: vote the usual way.',
  },
  'Procurement.AnonymousRulesFixed': {
    zh: '匿名投票项目的规则在创建时就已确定，不能修改；普通项目也不能改成匿名投票。如需修改，请撤销后重新发布项目。',
    en: 'An anonymous project’s rules are fixed when it is created, and a project can’t become anonymous. To change them, cancel it and open another.',
  },
  'Procurement.RingsNotReady': {
    zh: '本项目的匿名投票名单还在生成中，请过几个区块再投票。',
    en: 'This project’s list of anonymous voters is still being built. Vote again in a few blocks.',
  },
  'Procurement.UnknownRing': {
    zh: '本项目没有这个匿名投票组，请刷新后重试。',
    en: 'This project has no such group of anonymous voters. Refresh and try again.',
  },
  'Procurement.BadProof': {
    zh: '匿名投票的证明没有通过验证：您可能不在本项目的投票名单里（例如公钥是在项目发布后才登记的），或证明是为别的项目或选项生成的。',
    en: 'The anonymous ballot’s proof didn’t verify: you may not be on this project’s list (for example, your key was registered after the project opened), or the proof was made for another project or choice.',
  },
  // Anonymity rings (匿名投票名单).
  'Rings.AlreadyOpened': {
    zh: '这个项目的匿名投票名单已经开始生成。',
    en: 'This item’s list of anonymous voters is already being built.',
  },
  'Rings.TooManyResidents': {
    zh: '范围内的居民太多，超出了匿名投票名单的上限。请缩小范围（例如按社区分别发布）。',
    en: 'Too many residents live in this scope for anonymous voting. Narrow it (for example, one project per community).',
  },
  'Rings.TooManyPending': {
    zh: '正在生成的匿名投票名单已达上限，请稍后再发布。',
    en: 'Too many lists of anonymous voters are being built at once. Try again later.',
  },
  'Rings.UnknownItem': {
    zh: '没有这个匿名投票项目。',
    en: 'There is no such anonymous item.',
  },
  'Rings.NothingToBuild': {
    zh: '这个项目的匿名投票名单已经生成完毕，无需再做。',
    en: 'This item’s list of anonymous voters is already complete.',
  },
  'Rings.NotOpenYet': {
    zh: '这个项目还没有开始，名单要等它开始后才能生成。',
    en: 'This item hasn’t opened yet; its list can only be built once it has.',
  },
  'Rings.StepSizeOutOfRange': {
    zh: '每次生成的数量超出了允许范围，请调整后重试。',
    en: 'That many keys can’t be handled in one step. Adjust the number and try again.',
  },
};

/** Module errors whose sentence above is about another way of doing the same thing (a relayed,
 * signed ballot), worded for an anonymous action refused by the transaction pool: these win
 * over MODULE_ERRORS for an anonymous ballot's or response's refusal. */
export const ANONYMOUS_ERRORS: Record<string, Sentence> = {
  'Procurement.StaleSequence': {
    zh: '这张匿名选票已经提交过，或者之后又改过票，所以作废了。请刷新后重新投票。',
    en: 'This anonymous ballot was already submitted, or the vote has been changed since, so it no longer counts. Refresh and vote again.',
  },
  'Procurement.SequenceAhead': {
    zh: '这张匿名选票的序号超前了，之前的选票还没记录上链。请等它确认后再改票。',
    en: 'This anonymous ballot is numbered ahead of the votes recorded. Wait until the earlier one is confirmed, then change your vote.',
  },
};

/** Proof (trie) errors: they only arise when a storage proof is checked, never in a resident's action. */
const TRIE: Sentence = {
  zh: '数据证明无法通过验证，操作没有完成。',
  en: 'A data proof couldn’t be verified, so the action didn’t go through.',
};

/** Other failures, keyed by kind: DispatchError kinds (`BadOrigin`, `Token.FundsUnavailable`, `Arithmetic.Overflow`, …) and pool rejections (`Invalid.Payment`, `Invalid.Stale`, `Unknown.CannotLookup`, …), plus `Unknown` as a fallback for anything else. */
export const OTHER_ERRORS: Record<string, Sentence> = {
  // --- DispatchError kinds (the action reached the chain and failed) ----------------------------
  Module: {
    zh: '操作没有完成。请检查填写的信息后再试。',
    en: 'The action couldn’t be completed. Please check what you entered and try again.',
  },
  BadOrigin: {
    zh: '您的账户无权执行这个操作。',
    en: 'Your account isn’t allowed to do this.',
  },
  CannotLookup: {
    zh: '找不到所填写的账户地址，请检查。',
    en: 'An account address you gave can’t be found. Please check it.',
  },
  Other: {
    zh: '操作失败了，原因不明。请稍后再试；如果仍然失败，请联系居委会。',
    en: 'The action failed for an unspecified reason. Try again later; if it keeps failing, contact your community committee.',
  },
  ConsumerRemaining: {
    zh: '这个账户还有押金、锁定资金或其他关联，暂时不能关闭或变更。',
    en: 'This account still has deposits, locked funds or other things depending on it, so it can’t be closed or changed yet.',
  },
  NoProviders: {
    zh: '这个账户还没开通（既没有余额，也没有登记为居民），不能执行这个操作。',
    en: 'This account isn’t set up yet (it has no balance and isn’t registered as a resident), so it can’t do this.',
  },
  TooManyConsumers: {
    zh: '依赖这个账户的事项太多，请先解除一些。',
    en: 'Too many things depend on this account. Release some of them first.',
  },
  Token: {
    zh: '资金方面出了问题，操作没有完成。',
    en: 'A problem with funds stopped this action.',
  },
  'Token.FundsUnavailable': {
    zh: '可用余额不足。',
    en: 'Not enough funds are available.',
  },
  'Token.OnlyProvider': {
    zh: '这样会让一个必须保留的账户被关闭。',
    en: 'This would close an account that must stay open.',
  },
  'Token.BelowMinimum': {
    zh: '金额低于开立账户所需的最低余额。',
    en: 'The amount is below the minimum balance an account needs to exist.',
  },
  'Token.CannotCreate': {
    zh: '无法开立这个账户。',
    en: 'The account can’t be created.',
  },
  'Token.UnknownAsset': {
    zh: '不认识这种资产。',
    en: 'This asset is unknown.',
  },
  'Token.Frozen': {
    zh: '账户资金已被冻结。',
    en: 'The funds are frozen.',
  },
  'Token.Unsupported': {
    zh: '不支持这种资金操作。',
    en: 'This operation on funds isn’t supported.',
  },
  'Token.CannotCreateHold': {
    zh: '这个账户余额不足，无法扣押押金。请先存入一些资金。',
    en: 'This account has too little balance for a deposit to be held on it. Please add some funds first.',
  },
  'Token.NotExpendable': {
    zh: '这样会让账户余额低于最低限额。',
    en: 'This would take the account below its minimum balance.',
  },
  'Token.Blocked': {
    zh: '这个账户已被限制，不能收付款。',
    en: 'This account is blocked from sending or receiving funds.',
  },
  Arithmetic: {
    zh: '计算时数值超出范围，操作没有完成。请检查填写的数字。',
    en: 'A number went out of range, so the action didn’t go through. Please check the numbers you entered.',
  },
  'Arithmetic.Underflow': {
    zh: '计算结果小于允许的最小值，操作没有完成。请检查填写的数字。',
    en: 'A calculation went below the smallest allowed value, so the action didn’t go through. Please check the numbers you entered.',
  },
  'Arithmetic.Overflow': {
    zh: '计算结果超过了允许的最大值，操作没有完成。请检查填写的数字。',
    en: 'A calculation went above the largest allowed value, so the action didn’t go through. Please check the numbers you entered.',
  },
  'Arithmetic.DivisionByZero': {
    zh: '计算中出现了除以零，操作没有完成。请检查填写的数字。',
    en: 'A calculation divided by zero, so the action didn’t go through. Please check the numbers you entered.',
  },
  Transactional: {
    zh: '系统内部出错，操作没有完成。请稍后再试。',
    en: 'An internal error stopped the action. Please try again later.',
  },
  'Transactional.LimitReached': {
    zh: '操作嵌套的层级太多，请拆开后分别提交。',
    en: 'The action nests too many steps. Please split it up and submit the parts separately.',
  },
  'Transactional.NoLayer': {
    zh: '系统内部出错，操作没有完成。请稍后再试。',
    en: 'An internal error stopped the action. Please try again later.',
  },
  Exhausted: {
    zh: '系统资源不够完成这个操作，请稍后再试或减少数量。',
    en: 'The system ran out of resources for this action. Try again later, or with fewer items.',
  },
  Corruption: {
    zh: '链上数据出现异常，操作没有完成。请联系管理员。',
    en: 'The chain’s data looks inconsistent, so the action didn’t go through. Please contact the administrator.',
  },
  Unavailable: {
    zh: '所需的资源暂时不可用，请稍后再试。',
    en: 'Something this action needs is temporarily unavailable. Please try again later.',
  },
  RootNotAllowed: {
    zh: '这个操作不能由链的最高管理权限执行。',
    en: 'This action can’t be performed with the chain’s root authority.',
  },
  Trie: TRIE,
  'Trie.InvalidStateRoot': TRIE,
  'Trie.IncompleteDatabase': TRIE,
  'Trie.ValueAtIncompleteKey': TRIE,
  'Trie.DecoderError': TRIE,
  'Trie.InvalidHash': TRIE,
  'Trie.DuplicateKey': TRIE,
  'Trie.ExtraneousNode': TRIE,
  'Trie.ExtraneousValue': TRIE,
  'Trie.ExtraneousHashReference': TRIE,
  'Trie.InvalidChildReference': TRIE,
  'Trie.ValueMismatch': TRIE,
  'Trie.IncompleteProof': TRIE,
  'Trie.RootMismatch': TRIE,
  'Trie.DecodeError': TRIE,

  // --- Transaction-pool rejections (the action never reached a block) ---------------------------
  Invalid: {
    zh: '网络没有接受这个操作，请稍后再试。',
    en: 'The network didn’t accept this action. Please try again later.',
  },
  'Invalid.Call': {
    zh: '这个操作不能以这种方式提交。请更新应用后再试。',
    en: 'This action can’t be submitted this way. Please update the app and try again.',
  },
  'Invalid.Payment': {
    zh: '账户余额不够支付手续费。居民的操作只有在能办成时才免费，这次的操作按现在的情况办不成，请检查后再试。',
    en: 'Your account can’t pay the fee. Residents’ actions are free only when they will succeed, and this one wouldn’t as it stands; please check it and try again.',
  },
  'Invalid.Future': {
    zh: '您还有操作在排队等待处理，请等它们完成后再试。',
    en: 'You have other actions still waiting to be processed. Please wait for them to finish, then try again.',
  },
  'Invalid.Stale': {
    zh: '这个操作已经提交过了，或者已被更新的操作取代。请刷新后再试。',
    en: 'This action was already submitted, or has been overtaken by a newer one. Please refresh and try again.',
  },
  'Invalid.BadProof': {
    zh: '签名没有通过验证，可能是应用版本和链不匹配。请刷新页面后再试。',
    en: 'The signature couldn’t be verified, perhaps because the app is out of date for this chain. Please refresh the page and try again.',
  },
  'Invalid.AncientBirthBlock': {
    zh: '这个操作签名太久，已经失效。请重新提交。',
    en: 'This action was signed too long ago and has expired. Please submit it again.',
  },
  'Invalid.ExhaustsResources': {
    zh: '网络正忙，这一批已经满了。请稍等片刻再试。',
    en: 'The network is busy right now. Please wait a moment and try again.',
  },
  'Invalid.Custom': {
    zh: '网络拒绝了这个操作。请刷新后再试。',
    en: 'The network refused this action. Please refresh and try again.',
  },
  'Invalid.BadMandatory': {
    zh: '这类操作只能由系统自动产生，不能由用户提交。',
    en: 'This kind of action can only come from the system itself, not from a user.',
  },
  'Invalid.MandatoryValidation': {
    zh: '这类操作只能由系统自动产生，不能由用户提交。',
    en: 'This kind of action can only come from the system itself, not from a user.',
  },
  'Invalid.BadSigner': {
    zh: '这个账户不能用来签名提交操作。',
    en: 'This account isn’t allowed to sign actions.',
  },
  'Invalid.IndeterminateImplicit': {
    zh: '无法为这个操作准备签名数据。请刷新页面后再试。',
    en: 'The app couldn’t prepare this action’s signing data. Please refresh the page and try again.',
  },
  'Invalid.UnknownOrigin': {
    zh: '网络无法确认是谁提交了这个操作。请重新登录并签名。',
    en: 'The network couldn’t tell who sent this action. Please sign in and sign it again.',
  },
  'Unknown.CannotLookup': {
    zh: '网络暂时查不到验证这个操作所需的信息，请稍后再试。',
    en: 'The network couldn’t look up what it needs to check this action. Please try again shortly.',
  },
  'Unknown.NoUnsignedValidator': {
    zh: '这个操作没有签名，网络不接受。请登录后重新提交。',
    en: 'This action isn’t signed, and the network won’t accept it unsigned. Please sign in and submit it again.',
  },
  'Unknown.Custom': {
    zh: '网络暂时无法判断这个操作是否有效，请稍后再试。',
    en: 'The network can’t tell yet whether this action is valid. Please try again shortly.',
  },

  // --- Anything else ------------------------------------------------------------------------------
  Unknown: {
    zh: '出了点问题，操作没有完成。请稍后再试；如果仍然失败，请联系居委会。',
    en: 'Something went wrong and the action didn’t go through. Try again later; if it keeps failing, contact your community committee.',
  },
};
