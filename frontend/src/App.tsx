import { useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { homePath, useAuth } from './auth/AuthContext';
import type { Role } from './api/types';
import { Layout } from './components/Layout';
import { Loading, NotFoundMessage } from './components/Status';
import { SignIn, SignUp } from './pages/Auth';
import { CandidateHome } from './pages/CandidateHome';
import { InterviewRoom } from './pages/InterviewRoom';
import { ReportPage } from './pages/ReportPage';
import { Postings } from './pages/recruiter/Postings';
import { PostingDetail } from './pages/recruiter/PostingDetail';
import { InterviewList } from './pages/recruiter/InterviewList';
import { InterviewDetail } from './pages/recruiter/InterviewDetail';
import { Compare } from './pages/recruiter/Compare';
import { QuestionBank, QuestionEdit, QuestionNew } from './pages/recruiter/QuestionBank';
import { AdminUsers } from './pages/admin/AdminUsers';
import { AdminOrganizations } from './pages/admin/AdminOrganizations';
import { OrganizationPage, PendingOrganization } from './pages/org/Organization';
import { AuditTrail } from './pages/Audit';
import { InvitePage } from './pages/Invite';
import { awaitsApproval, canReadAudit } from './auth/permissions';

function RequireAuth({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !roles.includes(user.role)) return <NotFoundMessage />;
  return <>{children}</>;
}

/** The console: recruiters of an approved organization and admins; a pending organization's
 * recruiter is told to wait for approval instead of getting lists the API refuses. */
function RequireStaff({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return (
    <RequireAuth roles={STAFF}>
      {awaitsApproval(user) ? <PendingOrganization /> : children}
    </RequireAuth>
  );
}

function RequireAudit({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return <RequireAuth roles={STAFF}>{awaitsApproval(user) ? <PendingOrganization /> : canReadAudit(user) ? children : <NotFoundMessage />}</RequireAuth>;
}

function Home() {
  const { user, loading } = useAuth();
  if (loading) return <Loading />;
  return <Navigate to={user ? homePath(user) : '/signin'} replace />;
}

/** An expired token anywhere sends the user to sign in, keeping where they were. */
function ExpiredRedirect() {
  const { expired, user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (expired && !user && !['/signin', '/signup', '/invite'].includes(location.pathname)) {
      navigate(`/signin?expired=1&next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    }
  }, [expired, user, location, navigate]);
  return null;
}

const STAFF: Role[] = ['recruiter', 'admin'];

export function App() {
  return (
    <>
      <ExpiredRedirect />
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Home />} />
          <Route path="signin" element={<SignIn />} />
          <Route path="signup" element={<SignUp />} />
          <Route path="candidate" element={<RequireAuth roles={['candidate']}><CandidateHome /></RequireAuth>} />
          <Route path="interviews/:id/room" element={<RequireAuth roles={['candidate']}><InterviewRoom /></RequireAuth>} />
          <Route path="interviews/:id/report" element={<RequireAuth><ReportPage /></RequireAuth>} />
          <Route path="invite" element={<InvitePage />} />
          <Route path="recruiter/postings" element={<RequireStaff><Postings /></RequireStaff>} />
          <Route path="recruiter/postings/:id" element={<RequireStaff><PostingDetail /></RequireStaff>} />
          <Route path="recruiter/postings/:id/compare" element={<RequireStaff><Compare /></RequireStaff>} />
          <Route path="recruiter/interviews" element={<RequireStaff><InterviewList /></RequireStaff>} />
          <Route path="recruiter/interviews/:id" element={<RequireStaff><InterviewDetail /></RequireStaff>} />
          <Route path="recruiter/questions" element={<RequireStaff><QuestionBank /></RequireStaff>} />
          <Route path="recruiter/questions/new" element={<RequireStaff><QuestionNew /></RequireStaff>} />
          <Route path="recruiter/questions/:id" element={<RequireStaff><QuestionEdit /></RequireStaff>} />
          <Route path="recruiter/organization" element={<RequireAuth roles={['recruiter']}><OrganizationPage /></RequireAuth>} />
          <Route path="audit" element={<RequireAudit><AuditTrail /></RequireAudit>} />
          <Route path="admin/users" element={<RequireAuth roles={['admin']}><AdminUsers /></RequireAuth>} />
          <Route path="admin/organizations" element={<RequireAuth roles={['admin']}><AdminOrganizations /></RequireAuth>} />
          <Route path="*" element={<NotFoundMessage />} />
        </Route>
      </Routes>
    </>
  );
}
