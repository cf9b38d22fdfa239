// The incident screens behind one lazily loaded module: list, room, post-mortem (and its
// print view), playbook and reports. app.tsx picks this module for any incident route.
import { useAppStore } from '../../store/react';
import { ReportPrintView } from '../reports/report-print-view';
import { ReportsPage } from '../reports/reports-page';
import { IncidentList } from './incident-list';
import { IncidentRoom } from './incident-room';
import { PlaybookPage } from './playbook-page';
import { PostmortemPage } from './postmortem/postmortem-page';
import { PostmortemPrintView } from './postmortem/print-view';

export function IncidentScreens() {
  const screen = useAppStore((s) => s.route.name);
  switch (screen) {
    case 'incident':
      return <IncidentRoom />;
    case 'postmortem':
      return <PostmortemPage />;
    case 'postmortem-print':
      return <PostmortemPrintView />;
    case 'playbook':
      return <PlaybookPage />;
    case 'reports':
      return <ReportsPage />;
    case 'reports-print':
      return <ReportPrintView />;
    default:
      return <IncidentList />;
  }
}
