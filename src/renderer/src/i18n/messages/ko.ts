// Korean is the source catalogue: the users and the source material are Korean IT teams.
// Every other catalogue must have exactly these keys (checked by the compiler and a unit test).
// Placeholders are written {name}; the same placeholders must appear in every language.
export const ko = {
  'app.name': 'OpsDeck',
  'app.skipToContent': '본문으로 건너뛰기',

  'nav.overview': '전체 현황',
  'nav.wall': '상황판 모드',

  'lang.switch': '언어 변경',
  'lang.name.ko': '한국어',
  'lang.name.en': 'English',

  'theme.switch': '테마 변경',
  'theme.dark': '어두운 테마',
  'theme.light': '밝은 테마',

  'status.ok': '정상',
  'status.warn': '주의',
  'status.crit': '위험',
  'status.unknown': '알 수 없음',

  'metric.cpu.usage': 'CPU 사용률',
  'metric.cpu.iowait': 'I/O 대기',
  'metric.cpu.steal': 'CPU 스틸',
  'metric.cpu.cores': 'CPU 코어 수',
  'metric.mem.used': '메모리 사용률',
  'metric.mem.usedBytes': '사용 중인 메모리',
  'metric.mem.totalBytes': '전체 메모리',
  'metric.swap.used': '스왑 사용률',
  'metric.swap.usedBytes': '사용 중인 스왑',
  'metric.swap.totalBytes': '전체 스왑',
  'metric.load.1': '부하 (1분)',
  'metric.load.5': '부하 (5분)',
  'metric.load.15': '부하 (15분)',
  'metric.load.perCore': '코어당 부하',
  'metric.disk.used': '디스크 사용률',
  'metric.disk.readBps': '디스크 읽기',
  'metric.disk.writeBps': '디스크 쓰기',
  'metric.disk.readIops': '디스크 읽기 IOPS',
  'metric.disk.writeIops': '디스크 쓰기 IOPS',
  'metric.net.rxBps': '네트워크 수신',
  'metric.net.txBps': '네트워크 송신',
  'metric.uptime': '가동 시간',
  'metric.fs.used': '{mount} 사용률',

  'value.missing': '데이터 없음',

  'unit.day': '{n}일',
  'unit.hour': '{n}시간',
  'unit.minute': '{n}분',
  'unit.second': '{n}초',

  'reason.threshold': '{metric} {value} ≥ {threshold}',
  'reason.stale': '마지막 수집 {age} 전',
  'reason.staleNever': '아직 수집된 데이터가 없습니다',
  'reason.collectFailed': '수집 실패: {message}',

  'glossary.open': '{term} 설명 보기',

  'target.thisComputer': '이 컴퓨터',
  'overview.title': '전체 현황',
  'overview.loading': '대상 목록과 최신 데이터를 불러오는 중…',
  'overview.emptyTitle': '표시할 대상이 없습니다',
  'overview.emptyHint': '모니터링 대상이 추가되면 여기에 타일로 표시됩니다.',
  'overview.waitingFirstSample': '첫 수집을 기다리는 중',
  'overview.summary': '대상 {count}개',
  'overview.openHost': '{name} 상세 보기',

  'error.unreachableServe': '엔진에 연결할 수 없습니다. `npx opsdeck serve`가 실행 중인지 확인하세요.',
  'error.unreachableElectron': '엔진이 응답하지 않습니다. OpsDeck을 다시 시작해 보세요.',
  'error.timeout': '엔진이 제시간에 응답하지 않았습니다. 잠시 후 다시 시도하세요.',
  'error.unknownTarget': '이 대상을 찾을 수 없습니다. 삭제되었거나 주소가 잘못되었을 수 있습니다.',
  'error.generic': '문제가 발생했습니다 ({code}): {message}',

  'action.retry': '다시 시도',
  'action.backToOverview': '전체 현황으로',

  'connection.connecting': '엔진에 연결하는 중…',
  'connection.reconnecting': '엔진과의 연결이 끊겼습니다. 다시 연결하는 중…',
  'connection.offline': '엔진에 연결할 수 없습니다. 화면의 데이터는 최신이 아닐 수 있으며, 자동으로 계속 다시 연결을 시도합니다.',

  'wall.title': 'OpsDeck 상황판',
  'wall.staleBanner': '데이터가 오래된 대상 {count}개: {names}',
  'wall.clock': '현재 시각',

  'host.loading': '호스트 정보를 불러오는 중…',
  'host.noSnapshot': '이 대상에서 아직 수집된 데이터가 없습니다. 첫 수집이 끝나면 표시됩니다.',
  'host.facts': '시스템 정보',
  'host.fact.hostname': '호스트 이름',
  'host.fact.os': '운영체제',
  'host.fact.kernel': '커널',
  'host.fact.arch': '아키텍처',
  'host.group.disk': '디스크',
  'host.current': '현재 값',
  'host.sampledAt': '수집 시각 {time}',
  'host.trends': '추이',
  'host.range': '기간',

  'range.15m': '15분',
  'range.1h': '1시간',
  'range.24h': '24시간',
  'range.7d': '7일',

  'chart.cpu': 'CPU',
  'chart.memory': '메모리',
  'chart.load': '부하',
  'chart.disk': '디스크 사용률',
  'chart.diskIo': '디스크 I/O',
  'chart.network': '네트워크',
  'chart.series.cores': '코어 수',
  'chart.loading': '차트 데이터를 불러오는 중…',
  'chart.noData': '이 기간에 수집된 데이터가 없습니다',
  'chart.rollup': '1분 평균',
  'chart.summary': '{title}: {values}',

  'fs.title': '파일시스템',
  'fs.mount': '마운트 위치',
  'fs.type': '유형',
  'fs.size': '크기',
  'fs.used': '사용량',
  'fs.percent': '사용률',
  'fs.empty': '파일시스템 정보가 아직 없습니다. 느린 주기의 수집이 끝나면 표시됩니다.',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof ko;
