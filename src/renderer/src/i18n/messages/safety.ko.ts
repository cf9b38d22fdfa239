// Texts of issue 9 (serve access, the wall, storage health, login backoff), kept in their own
// block so the catalogue's other parts merge without conflicts.
export const safetyKo = {
  'token.missingTitle': 'OpsDeck 접속 링크가 필요합니다',
  'token.missingBody': '이 주소에는 접속 토큰이 없어 콘솔을 열 수 없습니다. "opsdeck serve"를 실행한 터미널에 표시된 링크(?token=이 붙은 주소)를 여세요.',
  'token.rejectedTitle': '이 링크는 더 이상 쓸 수 없습니다',
  'token.rejectedBody': 'OpsDeck이 이 링크의 접속 토큰을 거부했습니다. 토큰이 교체되었거나(opsdeck token rotate) 링크 일부가 빠졌을 수 있습니다. 새 링크를 받아 여세요.',
  'token.howToFind': '터미널을 찾을 수 없으면, 그 컴퓨터에서 "npx opsdeck token show"를 실행하면 토큰이 다시 표시됩니다. 벽 화면(읽기 전용) 링크도 함께 표시됩니다.',

  'wall.noData': '{age} 동안 데이터 없음',
  'wall.noDataBanner': '엔진에서 {age} 동안 데이터가 오지 않았습니다. 화면의 상태는 알 수 없음으로 표시됩니다.',
  'wall.exit': '상황판 나가기 (Esc)',
  'wall.sound': '위험 알림음 켜기',
  'wall.soundOn': '위험 알림음 켜짐',
  'wall.page.all': '전체 서비스',
  'wall.page.incidents': '진행 중인 장애',
  'wall.page.service': '서비스: {name}',
  'wall.page.counter': '{index}/{count} 화면',
  'wall.noIncidents': '진행 중인 장애가 없습니다.',

  'storage.full': '데이터 폴더의 디스크가 가득 찼습니다. 감시는 계속되지만 기록이 저장되지 않습니다. {dir}에 공간을 확보하면 자동으로 다시 저장합니다 (대기 중인 측정값 {pending}개).',
  'storage.io': '데이터 폴더에서 입출력 오류가 났습니다. 감시는 계속되지만 기록이 저장되지 않습니다. {dir}의 디스크 상태를 확인하세요. 복구되면 자동으로 다시 저장합니다.',
  'storage.readOnly': '데이터 폴더가 읽기 전용입니다. 감시는 계속되지만 기록이 저장되지 않습니다. {dir}에 쓰기 권한을 주거나 다시 마운트하세요.',

  'error.TOKEN_REQUIRED': '접속 토큰이 없거나 맞지 않습니다. "opsdeck serve"가 표시한 링크를 여세요.',
  'error.FORBIDDEN': '이 링크는 읽기 전용(벽 화면)입니다. 바꾸려면 운영자 링크로 여세요.',
  'error.STORAGE_FULL': '디스크가 가득 차서 저장하지 못했습니다. 아무것도 반쯤 저장되지 않았습니다. 데이터 폴더에 공간을 확보한 뒤 다시 시도하세요.',
  'error.STORAGE_IO': '디스크 입출력 오류로 저장하지 못했습니다. 아무것도 반쯤 저장되지 않았습니다. 디스크 상태를 확인한 뒤 다시 시도하세요.',
  'error.STORAGE_READONLY': '데이터 폴더가 읽기 전용이라 저장하지 못했습니다. 쓰기 권한을 확인한 뒤 다시 시도하세요.',
  'error.AUTH_BACKOFF': '서버가 로그인을 거부했습니다. 서버가 이 컴퓨터를 차단하지 않도록 몇 분 뒤에 다시 시도합니다. 서버 목록에서 사용자 이름과 키를 확인하세요.',
  'error.AUTH_STOPPED': '서버가 로그인을 여러 번 거부해 다시 시도하지 않습니다. 서버 목록에서 로그인 정보를 고친 뒤 저장하면 다시 시도합니다.',

  'sshError.AUTH_BACKOFF': '로그인 거부됨: 몇 분 뒤 다시 시도',
  'sshError.AUTH_STOPPED': '로그인 거부됨: 재시도 멈춤',
  'inventory.form.secretDropped': '주소, 포트, 사용자, 점프 호스트 또는 호스트 키 정책을 바꾸면 저장된 비밀번호(암호문)는 새 대상으로 보내지 않도록 지워집니다. 다시 입력하세요.',
} as const satisfies Record<string, string>;
